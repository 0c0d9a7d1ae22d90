// Tests the progress lines: what they say, and that a post's file name or label cannot put escapes on the terminal.
import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { ExampleFailedError } from '../../../src/errors.ts';
import { createReporter } from '../../../src/report/progress.ts';
import type { Verification } from '../../../src/verify/types.ts';

const HOSTILE = 'x\u001b]0;PWNED\u0007\u001b[2K';
const SHOWN = 'x\\x1b]0;PWNED\\x07\\x1b[2K';

function verification(overrides: Partial<Verification> = {}): Verification {
  return {
    exampleId: 'post/01-a-py',
    source: `content/${HOSTILE}.md`,
    line: 8,
    label: `${HOSTILE}.py (run=script)`,
    status: 'passed',
    failures: [],
    record: { serverLog: '', startedAt: '2024-01-02T00:00:00.000Z', durationMs: 12, runtime: { interpreter: 'Python 3.12.3', gateway: 'none' } },
    cached: true,
    ...overrides,
  };
}

/** Everything a reporter printed to its stream. */
function capture(quiet = false) {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { reporter: createReporter(stream, quiet), printed: () => text };
}

describe('report/progress', () => {
  test('prints each example with its file, line, label, status and timing, escaping what came from the post', () => {
    const { reporter, printed } = capture();
    reporter.example(verification());
    reporter.step(`Rendered ${HOSTILE}`, 5);
    reporter.info(`⚠ link to ${HOSTILE}`);
    reporter.warning(new ExampleFailedError(`Example failed: ${HOSTILE}`, { file: `content/${HOSTILE}.md`, line: 8 }));
    expect(printed()).toBe(
      [
        `  ✓ content/${SHOWN}.md:8 ${SHOWN}.py (run=script) — passed 12 ms, cached`,
        `✓ Rendered ${SHOWN} (5 ms)`,
        `⚠ link to ${SHOWN}`,
        `⚠ Example failed: ${SHOWN}`,
        `  File: content/${SHOWN}.md:8`,
        '',
      ].join('\n'),
    );
  });

  test('keeps only failures when quiet, escaped as well', () => {
    const { reporter, printed } = capture(true);
    reporter.example(verification());
    reporter.example(verification({ status: 'failed', cached: false }));
    expect(printed()).toBe(`  ✗ content/${SHOWN}.md:8 ${SHOWN}.py (run=script) — failed 12 ms\n`);
  });
});
