// Turns failed verifications into one ExampleFailedError each, located at the example's file and line.
import { ExampleFailedError, ExamplesFailedError } from '../errors.ts';
import { tailLines } from '../util/text.ts';
import type { Verification } from '../verify/types.ts';
import { describeOutcomes } from './summary.ts';

/** A located, printable error for one failed example. */
export function failureError(verification: Verification): ExampleFailedError {
  const details: string[] = verification.failures.slice(1).map((failure) => `also: ${failure}`);
  if (verification.diff) details.push('Expected (-) vs actual (+):', verification.diff.split('\n').slice(0, 40).join('\n'));
  if (verification.record?.serverLog) details.push('Server log (last lines):', tailLines(verification.record.serverLog, 12));
  return new ExampleFailedError(`Example failed: ${verification.reason ?? 'unknown reason'}`, {
    file: verification.source,
    line: verification.line,
    example: verification.label,
    details,
    hint:
      verification.missingPython === undefined
        ? `Fix the code or its expectation at ${verification.source}:${verification.line}, then build again (\`npx tsx snippets/${verification.exampleId}.ts\` verifies it alone after a successful build).`
        : `Install Python ${verification.missingPython} on this machine, or name its path under \`pythons\` in proofpress.config.json; without --strict (missingInterpreter: "error") the example is published as not run.`,
  });
}

/** The one error a build throws after verifying everything (`verifications`): it carries each located failure, and counts every outcome. */
export function summaryError(failures: ExampleFailedError[], verifications: Verification[]): ExamplesFailedError {
  return new ExamplesFailedError(`${failures.length} of ${verifications.length} examples failed; the site was not written`, failures, {
    details: [`Examples: ${describeOutcomes(verifications)}`],
    hint: 'Each failure above names its file and line. The previous site/ is unchanged.',
  });
}
