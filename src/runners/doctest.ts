// run=doctest: a Python interactive session (```pycon, `>>> ` prompts) checked by Python's own doctest,
// with the post's interpreter: each statement runs and what it shows must be what the post shows.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tailLines } from '../util/text.ts';
import { withDeadline } from './process.ts';
import { versionAtLeast } from './python-runtime.ts';
import type { Runner } from './types.ts';

// doctest's command line has `-o` since Python 3.4; before (2.7), the same call written out, with the same output and exit status.
const OLD_DOCTEST = [
  'import doctest, sys',
  'failed, _ = doctest.testfile(sys.argv[1], module_relative=False, verbose=True, optionflags=doctest.ELLIPSIS)',
  'sys.exit(1 if failed else 0)',
].join('\n');

/** Where the session's text is put for doctest: proofpress's read-only control folder, not the example's own. */
const SESSION_FILE = 'session.pycon';

export const doctestRunner: Runner = {
  kind: 'doctest',
  run: async (example, sandbox, ctx) => {
    const started = Date.now();
    const timeoutMs = example.spec.timeoutMs ?? ctx.timeoutMs;
    // The blocks of a session before this one run first, as the reader typed them into one interpreter.
    writeFileSync(path.join(sandbox.controlDir.host, SESSION_FILE), [...example.preceding.map((block) => block.code), example.code].join(''));
    // -v lists each statement tried, which is what the page shows as checked; ELLIPSIS makes `...` in an
    // expected result a wildcard, as in console sessions.
    const session = path.posix.join(sandbox.controlDir.inside, SESSION_FILE);
    const argv = versionAtLeast(ctx.python.version, 3, 4) ? [sandbox.python, '-m', 'doctest', '-v', '-o', 'ELLIPSIS', session] : [sandbox.python, '-c', OLD_DOCTEST, session];
    const child = sandbox.start(argv);
    try {
      const exit = await withDeadline(child.exited, timeoutMs);
      const breach = exit === 'timeout' || exit.exitCode !== 0 ? child.breach(exit === 'timeout' ? undefined : exit) : undefined;
      const error = breach ?? (exit === 'timeout' ? `timed out after ${timeoutMs} ms: the session did not finish\n${tailLines(child.log())}`.trimEnd() : undefined);
      return {
        ...(error ? { error } : {}),
        ...(exit === 'timeout' ? {} : { exitCode: exit.exitCode ?? -1 }),
        stdout: child.stdout(),
        serverLog: child.log(),
        startedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        runtime: { interpreter: `Python ${ctx.python.version}`, gateway: 'doctest (Python standard library)', isolation: ctx.isolationLabel },
      };
    } finally {
      await child.kill();
    }
  },
};
