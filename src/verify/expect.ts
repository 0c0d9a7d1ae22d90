// Stage 5a: compare what an example produced with what its post says it produces. Pure: no I/O.
import { diffLines } from 'diff';
import type { Example } from '../examples/extract.ts';
import type { RunRecord } from '../runners/types.ts';

/** The result of the checks on one run. */
export interface Verdict {
  ok: boolean;
  failures: string[];
  diff?: string;
}

/** Check status, `expect=` and the ```output block against the run; every failed check is listed. */
export function checkRun(example: Example, record: RunRecord): Verdict {
  if (record.error !== undefined) return { ok: false, failures: [record.error] };
  const failures: string[] = [];
  let diff: string | undefined;
  const actual = record.http ? record.http.body : (record.stdout ?? '');
  const what = record.http ? 'HTTP body' : 'standard output';
  if (record.http && record.http.status !== example.spec.status) {
    failures.push(`expected HTTP status ${example.spec.status}, got ${record.http.statusLine}`);
  }
  if (!record.http && record.exitCode !== 0) failures.push(`expected exit code 0, got ${record.exitCode}`);
  if (example.spec.expect !== undefined && !actual.includes(example.spec.expect)) {
    failures.push(`expected the ${what} to contain ${JSON.stringify(example.spec.expect)}`);
    diff = lineDiff(example.spec.expect, actual);
  }
  if (example.expectedOutput !== undefined && actual !== example.expectedOutput) {
    failures.push(`expected the ${what} to be exactly the output block`);
    diff = lineDiff(example.expectedOutput, actual);
  }
  return { ok: failures.length === 0, failures, diff };
}

/** A readable line diff: `- ` lines expected, `+ ` lines actual, `  ` common. */
export function lineDiff(expected: string, actual: string): string {
  const ensureNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  return diffLines(ensureNewline(expected), ensureNewline(actual))
    .flatMap((part) => {
      const marker = part.added ? '+ ' : part.removed ? '- ' : '  ';
      return part.value.replace(/\n$/, '').split('\n').map((line) => marker + line);
    })
    .join('\n');
}
