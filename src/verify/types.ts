// The verification record: what the build, the page and the report know about one example.
import type { RunRecord } from '../runners/types.ts';

export type VerificationStatus = 'passed' | 'failed' | 'skipped';

/** The outcome of checking one example. Plain data: rendered, cached and written to verification.json. */
export interface Verification {
  exampleId: string;
  source: string;
  line: number;
  label: string;
  status: VerificationStatus;
  /** Why it was skipped, or a one-line summary of why it failed. */
  reason?: string;
  /** Every check that failed, in words. */
  failures: string[];
  /** Each check that was made, in words (`GET / → 200`, `exit status 0`); shown on the page. */
  checked?: string[];
  /** Expected vs actual, as a line diff (`-` expected, `+` actual). */
  diff?: string;
  /** What the run captured; absent for skipped examples. */
  record?: RunRecord;
  /** The Python version (`2.7`) the example chose and this machine lacks, when that is why it did not run. */
  missingPython?: string;
  /** True when this result was reused from the cache (same code, spec and runtime). */
  cached: boolean;
}
