// Tests the progress output: plain lines for passed and failed examples off a terminal, one live line on one,
// never a line per example that is not run, and never a raw escape sequence from a post's file name or label.
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ExampleFailedError } from '../../../src/errors.ts';
import { createReporter } from '../../../src/report/progress.ts';
import type { Verification } from '../../../src/verify/types.ts';

const HOSTILE = 'x\u001b]0;PWNED\u0007\u001b[2K';
const SHOWN = 'x\\x1b]0;PWNED\\x07\\x1b[2K';
const ERASE = '\r\u001b[2K';

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

const notRun = (n: number) =>
  verification({ exampleId: `post/${n}`, source: 'content/p.md', line: n, label: `console block ${n} (run=none)`, status: 'skipped', reason: 'shown only (run=none)', record: undefined, cached: false });
const example = (n: number) => ({ id: `post/${n}`, source: 'content/p.md', line: n, label: `app${n}.py (run=http)` });

/** Everything a reporter printed to its stream; `terminal` makes the stream look like one (isTTY, 60 columns). */
function capture(options: { quiet?: boolean; terminal?: boolean } = {}) {
  const stream = Object.assign(new PassThrough(), options.terminal ? { isTTY: true, columns: 60 } : {});
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { reporter: createReporter(stream, options.quiet), printed: () => text };
}

describe('report/progress', () => {
  beforeEach(() => {
    vi.stubEnv('TERM', 'xterm-256color');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  describe('off a terminal (CI, pipes)', () => {
    test('prints each example that ran with its file, line, label, status and timing, escaping what came from the post', () => {
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

    test('prints no line for an example that is not run, however many there are', () => {
      const { reporter, printed } = capture();
      reporter.verifying?.(2_517);
      for (let n = 1; n <= 2_516; n++) reporter.example(notRun(n));
      reporter.example(verification({ status: 'failed', cached: false }));
      expect(printed()).toBe(`  ✗ content/${SHOWN}.md:8 ${SHOWN}.py (run=script) — failed 12 ms\n`);
    });

    test('keeps only failures when quiet, escaped as well', () => {
      const { reporter, printed } = capture({ quiet: true });
      reporter.example(verification());
      reporter.example(verification({ status: 'failed', cached: false }));
      expect(printed()).toBe(`  ✗ content/${SHOWN}.md:8 ${SHOWN}.py (run=script) — failed 12 ms\n`);
    });
  });

  describe('on a terminal', () => {
    test('rewrites one line in place with examples done of total and what is running, then clears it', () => {
      const { reporter, printed } = capture({ terminal: true });
      reporter.verifying?.(3);
      reporter.started?.(example(12));
      reporter.started?.(example(40));
      reporter.example(verification({ exampleId: 'post/12', status: 'passed' }));
      reporter.example(notRun(5));
      reporter.example(verification({ exampleId: 'post/40', status: 'passed' }));
      reporter.step('Verified 3 examples', 900);
      expect(printed()).toBe(
        [
          'Verifying examples 0/3',
          `${ERASE}Verifying examples 0/3 · running: content/p.md:12 app12.py`,
          // 59 columns of a 60-column terminal: the second example running is cut off
          `${ERASE}Verifying examples 0/3 · running: content/p.md:12 app12.py…`,
          `${ERASE}Verifying examples 1/3 · running: content/p.md:40 app40.py`,
          `${ERASE}Verifying examples 2/3 · running: content/p.md:40 app40.py`,
          `${ERASE}`,
          '✓ Verified 3 examples (900 ms)\n',
        ].join(''),
      );
    });

    test('prints a failure above the live line and draws the line again under it, with the failures counted', () => {
      const { reporter, printed } = capture({ terminal: true });
      reporter.verifying?.(2);
      reporter.example(verification({ status: 'failed', cached: false }));
      expect(printed()).toBe(
        [
          'Verifying examples 0/2',
          `${ERASE}  ✗ content/${SHOWN}.md:8 ${SHOWN}.py (run=script) — failed 12 ms\n`,
          'Verifying examples 1/2 · 1 failed',
        ].join(''),
      );
      reporter.end?.();
      expect(printed().endsWith(`1 failed${ERASE}`)).toBe(true);
    });

    test('escapes what is running, too', () => {
      const { reporter, printed } = capture({ terminal: true });
      reporter.verifying?.(1);
      reporter.started?.({ id: 'x', source: `content/${HOSTILE}.md`, line: 1, label: 'a.py (run=script)' });
      expect(printed()).not.toMatch(/\u0007|\u001b\]/);
      expect(printed()).toContain(`running: content/${SHOWN.slice(0, 12)}`);
    });

    test('prints plain lines when quiet, or when the terminal is dumb', () => {
      const quiet = capture({ terminal: true, quiet: true });
      quiet.reporter.verifying?.(1);
      quiet.reporter.example(verification({ status: 'failed', cached: false }));
      expect(quiet.printed()).toBe(`  ✗ content/${SHOWN}.md:8 ${SHOWN}.py (run=script) — failed 12 ms\n`);

      vi.stubEnv('TERM', 'dumb');
      const dumb = capture({ terminal: true });
      dumb.reporter.verifying?.(1);
      dumb.reporter.example(verification());
      expect(dumb.printed()).toBe(`  ✓ content/${SHOWN}.md:8 ${SHOWN}.py (run=script) — passed 12 ms, cached\n`);
    });
  });
});
