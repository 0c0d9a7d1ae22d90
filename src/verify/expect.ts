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
    diff = lineDiff(example.spec.expect, actual, { exact: false });
  }
  if (example.expectedOutput !== undefined && actual !== example.expectedOutput) {
    failures.push(`expected the ${what} to be exactly the output block`);
    diff = lineDiff(example.expectedOutput, actual, { exact: true });
  }
  return { ok: failures.length === 0, failures, diff };
}

/**
 * A readable line diff: `- ` lines expected, `+ ` lines actual, `  ` common. For an exact comparison a
 * missing final newline is marked as git does, so texts differing only there still show a difference;
 * an `expect=` fragment has no line structure of its own, so there the final newline is ignored.
 */
export function lineDiff(expected: string, actual: string, options: { exact: boolean } = { exact: true }): string {
  const NO_NEWLINE = '\\ No newline at end of text';
  const mark = (text: string) => {
    if (text === '' || text.endsWith('\n')) return text === '' ? '\n' : text; // empty shows as one empty line
    return options.exact ? `${text}\n${NO_NEWLINE}\n` : `${text}\n`;
  };
  return diffLines(mark(expected), mark(actual))
    .flatMap((part) => {
      const marker = part.added ? '+ ' : part.removed ? '- ' : '  ';
      return part.value.replace(/\n$/, '').split('\n').map((line) => marker + line);
    })
    .join('\n');
}
