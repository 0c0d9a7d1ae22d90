// Maps a run kind to its runner, and runs one example in a fresh sandbox.
import type { RunKind } from '../examples/catalogue.ts';
import type { Example } from '../examples/extract.ts';
import { cgiRunner } from './cgi.ts';
import { consoleRunner } from './console.ts';
import { doctestRunner } from './doctest.ts';
import { exampleContext } from './example-context.ts';
import { fastcgiRunner } from './fastcgi.ts';
import { httpRunner } from './http.ts';
import { languageRunner } from './languages.ts';
import { createSandbox } from './sandbox.ts';
import { scgiRunner } from './scgi.ts';
import { scriptRunner } from './script.ts';
import type { RunContext, Runner, RunRecord } from './types.ts';
import { wsgiRunner } from './wsgi.ts';

// Typed by the catalogue (examples/catalogue.ts): a run kind added there without a runner here does not compile.
const RUNNERS: Readonly<Record<Exclude<RunKind, 'none'>, Runner>> = {
  http: httpRunner,
  wsgi: wsgiRunner,
  fastcgi: fastcgiRunner,
  scgi: scgiRunner,
  cgi: cgiRunner,
  script: scriptRunner,
  console: consoleRunner,
  doctest: doctestRunner,
};

/** Run one example in its own sandbox, on its own Python; the sandbox is removed afterwards whatever happened. */
export async function runExample(example: Example, buildCtx: RunContext): Promise<RunRecord> {
  const ctx = exampleContext(example, buildCtx);
  const { hostNetwork } = ctx.sandbox;
  return example.sandbox.network && hostNetwork ? hostNetwork(() => runInSandbox(example, ctx)) : runInSandbox(example, ctx);
}

async function runInSandbox(example: Example, ctx: RunContext): Promise<RunRecord> {
  if (example.spec.run === 'none') throw new Error(`${example.label} does not run`);
  const runner: Runner = RUNNERS[example.spec.run];
  const sandbox = await createSandbox(example, ctx.sandbox, runsOwnFile(example) ? (example.spec.file ?? languageRunner(example).defaultFile) : undefined);
  try {
    return await runner.run(example, sandbox, ctx);
  } finally {
    await sandbox.dispose();
  }
}

/** Whether the example's code is a file of its folder (a program), not commands or a session typed in. */
function runsOwnFile(example: Example): boolean {
  return example.spec.run !== 'console' && example.spec.run !== 'doctest';
}

/** Whether this build can run examples of `kind`. */
export function hasRunner(kind: string): boolean {
  return Object.hasOwn(RUNNERS, kind);
}
