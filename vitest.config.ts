// vitest: examples are real processes, so tests get generous timeouts; any Node warning fails the run.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    setupFiles: ['test/setup/fail-on-warning.ts'],
    globalSetup: ['test/setup/no-survivors.ts'],
    pool: 'forks',
  },
});
