// A first build starts highlighting threads ahead only for a site big enough to gain from them.
import { availableParallelism } from 'node:os';
import { describe, expect, test } from 'vitest';
import { highlightSchema } from '../../../src/config/schema.ts';
import { startThreadsIfCold } from '../../../src/render/render-threads.ts';

const DEFAULT_CODE_THEMES = highlightSchema.parse({});

describe.skipIf(availableParallelism() < 2)('render/render-threads', () => {
  test('no threads for a small site, threads for a large one, none once the render cache holds blocks', async () => {
    expect(await startThreadsIfCold(undefined, DEFAULT_CODE_THEMES, async () => 12)).toBeUndefined();
    const threads = await startThreadsIfCold(undefined, DEFAULT_CODE_THEMES, async () => 1000);
    expect(threads).toBeDefined();
    threads?.close();
    const warm = { isEmpty: async () => false } as Parameters<typeof startThreadsIfCold>[0];
    expect(await startThreadsIfCold(warm, DEFAULT_CODE_THEMES, async () => 1000)).toBeUndefined();
  });
});
