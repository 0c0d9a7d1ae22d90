// run=script: the example is a program; its standard output and exit code are checked.
import { startProcess, withDeadline } from './process.ts';
import type { Runner } from './types.ts';

/** Runs the example file with Python to completion (or timeout) and captures stdout. */
export const scriptRunner: Runner = {
  kind: 'script',
  run: async (example, sandbox, ctx) => {
    const started = Date.now();
    const timeoutMs = example.spec.timeoutMs ?? ctx.timeoutMs;
    const child = startProcess({ command: ctx.python.executable, args: [sandbox.fileName], cwd: sandbox.workDir, env: sandbox.env });
    try {
      const exit = await withDeadline(child.exited, timeoutMs);
      return {
        ...(exit === 'timeout' ? { error: `timed out after ${timeoutMs} ms` } : { exitCode: exit.exitCode ?? -1 }),
        stdout: child.stdout(),
        serverLog: child.log(),
        startedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        runtime: { python: ctx.python.version, gateway: 'script run with Python' },
      };
    } finally {
      await child.kill();
    }
  },
};
