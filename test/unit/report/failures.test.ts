// Tests how failed verifications become located, printable errors, and the build's one summary error.
import { describe, expect, test } from 'vitest';
import { ExampleFailedError, ExamplesFailedError } from '../../../src/errors.ts';
import { failureError, summaryError } from '../../../src/report/failures.ts';
import { formatError } from '../../../src/report/format-error.ts';
import type { Verification } from '../../../src/verify/types.ts';

function failed(overrides: Partial<Verification> = {}): Verification {
  return {
    exampleId: 'a-very-simple-introduction-to-wsgi/04-simpletest-py',
    source: 'content/hello-world-with-wsgi.md',
    line: 60,
    label: 'simpletest.py (run=http)',
    status: 'failed',
    reason: 'expected HTTP status 200, got HTTP/1.0 500 Internal Server Error',
    failures: ['expected HTTP status 200, got HTTP/1.0 500 Internal Server Error', 'expected the HTTP body to contain "My Own Hello World!"'],
    diff: '- My Own Hello World!\n+ A server error occurred.',
    record: {
      http: { statusLine: 'HTTP/1.0 500 Internal Server Error', status: 500, headers: [], body: 'A server error occurred.' },
      serverLog: Array.from({ length: 20 }, (_, i) => `log line ${i + 1}`).join('\n') + '\n',
      startedAt: '2024-01-02T00:00:00.000Z',
      durationMs: 80,
      runtime: { interpreter: 'Python 3.12.3', gateway: 'wsgiref' },
    },
    cached: false,
    ...overrides,
  };
}

describe('report/failures', () => {
  test('prints a failure with its location, every other failed check, the diff, the log tail and the snippet to rerun', () => {
    const error = failureError(failed());
    expect(error).toBeInstanceOf(ExampleFailedError);
    expect(formatError(error, { debug: false })).toMatchInlineSnapshot(`
      "✗ Example failed: expected HTTP status 200, got HTTP/1.0 500 Internal Server Error
        File: content/hello-world-with-wsgi.md:60
        Example: simpletest.py (run=http)
        also: expected the HTTP body to contain "My Own Hello World!"
        Expected (-) vs actual (+):
        - My Own Hello World!
        + A server error occurred.
        Server log (last lines):
        log line 9
        log line 10
        log line 11
        log line 12
        log line 13
        log line 14
        log line 15
        log line 16
        log line 17
        log line 18
        log line 19
        log line 20
        Hint: Fix the code or its expectation at content/hello-world-with-wsgi.md:60, then build again (\`npx tsx snippets/a-very-simple-introduction-to-wsgi/04-simpletest-py.ts\` verifies it alone after a successful build)."
    `);
  });

  test('leaves out the sections a failure has nothing for', () => {
    const error = failureError(failed({ failures: ['the server exited'], reason: 'the server exited', diff: undefined, record: undefined }));
    expect(error.message).toBe('Example failed: the server exited');
    expect(error.details).toEqual([]);
  });

  test('cuts a long diff to 40 lines', () => {
    const diff = Array.from({ length: 100 }, (_, i) => `- ${i}`).join('\n');
    const error = failureError(failed({ diff, record: undefined, failures: ['x'] }));
    expect(error.details[1]!.split('\n')).toHaveLength(40);
  });

  test('summarises the failures in one error that carries each of them and counts every outcome', () => {
    const failures = [failureError(failed()), failureError(failed({ line: 80 }))];
    const passed = failed({ status: 'passed', failures: [], reason: undefined, cached: true });
    const notRun = failed({ status: 'skipped', failures: [], reason: 'shown only (run=none)', record: undefined });
    const error = summaryError(failures, [failed(), failed({ line: 80 }), passed, passed, passed, notRun, notRun]);
    expect(error).toBeInstanceOf(ExamplesFailedError);
    expect(error.failures).toBe(failures);
    expect(formatError(error, { debug: false })).toMatchInlineSnapshot(`
      "✗ 2 of 7 examples failed; the site was not written
        Examples: 3 passed, 2 failed, 2 not run, 3 cached
        Hint: Each failure above names its file and line. The previous site/ is unchanged."
    `);
  });
});
