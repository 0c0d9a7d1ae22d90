// Tests the end-of-build summary line: its counts, and that a hostile project path cannot put escapes on the terminal.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { printSummary } from '../../../src/report/summary.ts';
import type { Verification } from '../../../src/verify/types.ts';

const HOSTILE = 'x\u001b]0;PWNED\u0007\u001b[2K';
const SHOWN = 'x\\x1b]0;PWNED\\x07\\x1b[2K';

function verification(overrides: Partial<Verification> = {}): Verification {
  return {
    exampleId: 'post/01-a-py',
    source: 'content/post.md',
    line: 8,
    label: 'a.py (run=script)',
    status: 'passed',
    failures: [],
    record: { serverLog: '', startedAt: '2024-01-02T00:00:00.000Z', durationMs: 12, runtime: { interpreter: 'Python 3.12.3', gateway: 'none' } },
    cached: true,
    ...overrides,
  };
}

describe('report/summary', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('counts the outcomes and names the site folder, escaped', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    printSummary([verification(), verification({ status: 'failed', cached: false }), verification({ status: 'skipped', cached: false, record: undefined })], 1234, `/tmp/${HOSTILE}/site`);
    expect(write).toHaveBeenCalledWith(`Examples: 1 passed, 1 failed, 1 not run, 1 cached · 1.23 s · site written to /tmp/${SHOWN}/site\n`);
  });
});
