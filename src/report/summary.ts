// The end-of-build summary: passed / failed / not run / cached counts and the time taken.
import { escapeControls } from '../util/text.ts';
import type { Verification } from '../verify/types.ts';

/** `5 passed, 1 failed, 2 not run, 3 cached`: every example counted, including those not run (never listed one by one). */
export function describeOutcomes(verifications: Verification[]): string {
  const count = (test: (v: Verification) => boolean) => verifications.filter(test).length;
  return [
    `${count((v) => v.status === 'passed')} passed`,
    `${count((v) => v.status === 'failed')} failed`,
    `${count((v) => v.status === 'skipped')} not run`,
    `${count((v) => v.cached)} cached`,
  ].join(', ');
}

/** Print one summary line (and where the site went) to stderr. */
export function printSummary(verifications: Verification[], ms: number, outDir?: string): void {
  // outDir comes from --root or the config: escaped like every other printed path.
  process.stderr.write(`${escapeControls(`Examples: ${describeOutcomes(verifications)} · ${(ms / 1000).toFixed(2)} s${outDir ? ` · site written to ${outDir}` : ''}`)}\n`);
}
