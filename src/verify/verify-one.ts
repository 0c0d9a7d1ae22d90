// Stage 5c: run one example (or skip it) and turn the run into a Verification. Never throws for a failing example.
import type { Example } from '../examples/extract.ts';
import { pythonFor } from '../runners/build-pythons.ts';
import { hasRunner, runExample } from '../runners/registry.ts';
import type { RunContext } from '../runners/types.ts';
import { checkRun } from './expect.ts';
import type { Verification } from './types.ts';

/** Identity fields of a verification, taken from the example as it stands now. */
export function identify(example: Example): Pick<Verification, 'exampleId' | 'source' | 'line' | 'label'> {
  return { exampleId: example.id, source: example.source, line: example.line, label: example.label };
}

/** Why an example does not run, or undefined when it does. */
export function skipReason(example: Example): string | undefined {
  if (example.spec.run !== 'none') return hasRunner(example.spec.run) ? undefined : `no runner for run=${example.spec.run} on this build`;
  return example.spec.annotated ? 'shown only (run=none)' : 'the block has no run= attribute';
}

/** Run and check `example`, or record why it is skipped. */
export async function verifyExample(example: Example, ctx: RunContext | undefined): Promise<Verification> {
  const reason = skipReason(example) ?? (ctx ? undefined : 'no interpreter was prepared for this build');
  if (reason !== undefined || !ctx) return { ...identify(example), status: 'skipped', reason, failures: [], cached: false };
  const python = pythonFor(ctx.pythons, example, ctx.python);
  if ('missing' in python) {
    // Never a silent pass: "not run" with how to install it, or with --strict (missingInterpreter: error) a failure.
    const { reason: missing, version: missingPython } = python.missing;
    if (ctx.missingInterpreter === 'error') return { ...identify(example), status: 'failed', reason: `not run: ${missing}`, failures: [`not run: ${missing}`], missingPython, cached: false };
    return { ...identify(example), status: 'skipped', reason: missing, failures: [], missingPython, cached: false };
  }
  const record = await runExample(example, ctx);
  const verdict = checkRun(example, record);
  return {
    ...identify(example),
    status: verdict.ok ? 'passed' : 'failed',
    reason: verdict.failures[0],
    failures: verdict.failures,
    diff: verdict.diff,
    checked: verdict.checked,
    record,
    cached: false,
  };
}
