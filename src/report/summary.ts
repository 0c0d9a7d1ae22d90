// The end-of-build table: passed / failed / skipped / cached counts and the time taken.
import { escapeControls } from '../util/text.ts';
import type { Verification } from '../verify/types.ts';

/** Print one summary line (and where the site went) to stderr. */
export function printSummary(verifications: Verification[], ms: number, outDir?: string): void {
  const count = (test: (v: Verification) => boolean) => verifications.filter(test).length;
  const parts = [
    `${count((v) => v.status === 'passed')} passed`,
    `${count((v) => v.status === 'failed')} failed`,
    `${count((v) => v.status === 'skipped')} not run`,
    `${count((v) => v.cached)} cached`,
  ];
  // outDir comes from --root or the config: escaped like every other printed path.
  process.stderr.write(`${escapeControls(`Examples: ${parts.join(', ')} · ${(ms / 1000).toFixed(2)} s${outDir ? ` · site written to ${outDir}` : ''}`)}\n`);
}
