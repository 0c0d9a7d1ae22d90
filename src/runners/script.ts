// run=script: the example is a program; its standard output and exit code are checked.
import { languageRunner } from './languages.ts';
import { tailLines } from '../util/text.ts';
import { withDeadline } from './process.ts';
import type { Runner } from './types.ts';

/** Runs the example file with its language's interpreter to completion (or timeout) and captures stdout. Its own exit decides; what it leaves running dies with the sandbox. */
export const scriptRunner: Runner = {
  kind: 'script',
  run: async (example, sandbox, ctx) => {
    const started = Date.now();
    const timeoutMs = example.spec.timeoutMs ?? ctx.timeoutMs;
    const language = languageRunner(example);
    const child = sandbox.start(language.command(sandbox, sandbox.fileName, example.spec.lang));
    try {
      const exit = await withDeadline(child.exited, timeoutMs);
      const failed = exit === 'timeout' || exit.exitCode !== 0;
      const breach = failed ? child.breach(exit === 'timeout' ? undefined : exit) : undefined;
      const error = breach ?? (exit === 'timeout' ? `timed out after ${timeoutMs} ms: the script did not exit\n${tailLines(child.log())}`.trimEnd() : undefined);
      return {
        ...(error ? { error } : {}),
        ...(exit === 'timeout' ? {} : { exitCode: exit.exitCode ?? -1 }),
        stdout: child.stdout(),
        serverLog: child.log(),
        startedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        runtime: { interpreter: language.describe(ctx, example.spec.lang), gateway: `program ${sandbox.fileName}`, isolation: ctx.isolationLabel },
      };
    } finally {
      await child.kill();
    }
  },
};
