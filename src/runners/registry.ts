// Maps a run kind to its runner, and runs one example in a fresh sandbox.
import type { Example } from '../examples/extract.ts';
import { fastcgiRunner } from './fastcgi.ts';
import { httpRunner } from './http.ts';
import { createSandbox } from './sandbox.ts';
import { scriptRunner } from './script.ts';
import type { RunContext, Runner, RunRecord } from './types.ts';
import { wsgiRunner } from './wsgi.ts';

const RUNNERS: ReadonlyMap<string, Runner> = new Map([httpRunner, wsgiRunner, scriptRunner, fastcgiRunner].map((runner) => [runner.kind, runner]));

/** Run one example in its own sandbox; the sandbox is removed afterwards whatever happened. */
export async function runExample(example: Example, ctx: RunContext): Promise<RunRecord> {
  const runner = RUNNERS.get(example.spec.run);
  if (!runner) throw new Error(`No runner for run=${example.spec.run}`);
  const sandbox = await createSandbox(example, ctx.sandbox);
  try {
    return await runner.run(example, sandbox, ctx);
  } finally {
    await sandbox.dispose();
  }
}

/** Whether this build can run examples of `kind`. */
export function hasRunner(kind: string): boolean {
  return RUNNERS.has(kind);
}
