// The verification line in words: status, what ran the example, when and how long.
import { describe, expect, test } from 'vitest';
import { describeRuntime, describeVerification } from '../../../src/render/verification-line.ts';
import type { Verification } from '../../../src/verify/types.ts';

const passed: Verification = {
  exampleId: 'p/02-simpletest-py',
  source: 'content/p.md',
  line: 47,
  label: 'simpletest.py (run=http)',
  status: 'passed',
  failures: [],
  cached: true,
  record: { serverLog: '', startedAt: '2026-11-24T21:09:30.000Z', durationMs: 219, runtime: { interpreter: 'Python 3.11.7', gateway: 'HTTP server started by simpletest.py' } },
};

describe('render/verification-line', () => {
  test('describes a cached pass in one sentence', () => {
    expect(describeVerification(passed)).toBe(
      'Verified: ran with Python 3.11.7 · HTTP server started by simpletest.py on 2026-11-24 21:09 UTC (cached: same code, spec and runtime) in 219 ms.',
    );
  });

  test('names a front end once even when it is also listed as a component', () => {
    expect(describeRuntime({ interpreter: 'Python 3.12.1', gateway: 'FastCGI', frontEnd: 'nginx 1.22.1', components: { flup: '1.0.3', nginx: '1.22.1' } })).toEqual([
      'Python 3.12.1',
      'FastCGI',
      'front end: nginx 1.22.1',
      'flup 1.0.3',
    ]);
  });

  test('says why an example was not run', () => {
    expect(describeVerification({ ...passed, status: 'skipped', record: undefined, reason: 'shown only (run=none)' })).toBe('Not run: shown only (run=none).');
  });
});
