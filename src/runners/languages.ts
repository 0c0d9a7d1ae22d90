// How each language of the catalogue runs a program example (run=http, run=script): its command and its name on the page.
import { type Language, languageOf } from '../examples/catalogue.ts';
import type { Example } from '../examples/extract.ts';
import type { Sandbox } from './sandbox.ts';
import type { RunContext } from './types.ts';

/** One language's way of running a file. */
export interface LanguageRunner {
  /** The file name a block without `file=` is saved under. */
  defaultFile: string;
  /** The command that runs `file` in `sandbox`. */
  command(sandbox: Sandbox, file: string, fence: string): string[];
  /** The interpreter in words, for the verification line (`Node.js 20.20.2`). */
  describe(ctx: RunContext, fence: string): string;
}

// Typed by the catalogue (examples/catalogue.ts): a language added there without a runner here does not compile.
const LANGUAGE_RUNNERS: Readonly<Record<Language, LanguageRunner>> = {
  python: {
    defaultFile: 'example.py',
    command: (sandbox, file) => [sandbox.python, file],
    describe: (ctx) => `Python ${ctx.python.version}`,
  },
  javascript: {
    defaultFile: 'example.js',
    // The Node.js that runs proofpress: it is installed wherever proofpress is (seen in the sandbox at its own path).
    command: (_sandbox, file) => [process.execPath, file],
    describe: () => `Node.js ${process.versions.node}`,
  },
  shell: {
    defaultFile: 'example.sh',
    // A `bash` block runs with bash; `sh` and `shell` with the system's POSIX sh, as their readers would.
    command: (_sandbox, file, fence) => [fence.toLowerCase() === 'bash' ? '/bin/bash' : '/bin/sh', file],
    describe: (_ctx, fence) => (fence.toLowerCase() === 'bash' ? 'bash' : 'POSIX sh (/bin/sh)'),
  },
};

/** The runner of the language `example` is written in (its fence word); Python for blocks that name none. */
export function languageRunner(example: Example): LanguageRunner {
  return LANGUAGE_RUNNERS[languageOf(example.spec.lang) ?? 'python'];
}
