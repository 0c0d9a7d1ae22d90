// Tests checkRun and lineDiff: every check an example's run must pass, and the diff shown when it does not.
import { describe, expect, test } from 'vitest';
import type { Example } from '../../../src/examples/extract.ts';
import { parseFenceInfo } from '../../../src/examples/fence-info.ts';
import type { RunRecord } from '../../../src/runners/types.ts';
import { checkRun, lineDiff, type Verdict } from '../../../src/verify/expect.ts';
import { defaultSandbox } from '../../helpers/examples.ts';

function example(info: string, expectedOutput?: string): Example {
  return {
    id: 'post/01-x-py',
    index: 1,
    source: 'content/post.md',
    slug: 'post',
    line: 3,
    code: 'pass\n',
    spec: parseFenceInfo(info, { file: 'content/post.md', line: 3 }),
    expectedOutput,
    companions: [],
    preceding: [],
    label: 'x.py',
    sandbox: defaultSandbox(),
  };
}

const BASE = { serverLog: '', startedAt: '2024-01-02T00:00:00.000Z', durationMs: 12, runtime: { interpreter: 'Python 3.12.0', gateway: 'test' } };

function http(status: number, body: string, statusLine = `HTTP/1.0 ${status} ${status === 200 ? 'OK' : 'Error'}`): RunRecord {
  return { ...BASE, http: { status, statusLine, headers: [['Content-type', 'text/plain']], body } };
}

function script(stdout: string, exitCode = 0): RunRecord {
  return { ...BASE, stdout, exitCode };
}

describe('verify/expect', () => {
  describe('checkRun', () => {
    test.each<[string, Example, RunRecord, Omit<Verdict, 'checked'>]>([
      // HTTP: status and expect=
      ['passes an HTTP run with the status and text', example('python run=http expect="Hello world!"'), http(200, 'Hello world!\nA=1\n'), { ok: true, failures: [], diff: undefined }],
      ['passes a declared non-200 status', example('python run=http status=404'), http(404, 'gone'), { ok: true, failures: [], diff: undefined }],
      [
        'fails a status mismatch, quoting the status line',
        example('python run=http'),
        http(500, 'oops', 'HTTP/1.0 500 Internal Server Error'),
        { ok: false, failures: ['expected HTTP status 200, got HTTP/1.0 500 Internal Server Error'], diff: undefined },
      ],
      [
        'fails missing expect text with a diff of expected against the body',
        example('python run=wsgi app=app expect="My Own Hello World!"'),
        http(200, 'My Own Hello world!\n'),
        { ok: false, failures: ['expected the HTTP body to contain "My Own Hello World!"'], diff: '- My Own Hello World!\n+ My Own Hello world!' },
      ],
      [
        'lists every failed check',
        example('python run=http expect=yes'),
        http(503, 'no\n', 'HTTP/1.0 503 Service Unavailable'),
        { ok: false, failures: ['expected HTTP status 200, got HTTP/1.0 503 Service Unavailable', 'expected the HTTP body to contain "yes"'], diff: '- yes\n+ no' },
      ],
      // scripts: exit code and standard output
      ['passes a script that prints the text and exits 0', example('python run=script expect=done'), script('working\ndone\n'), { ok: true, failures: [], diff: undefined }],
      ['fails a script that exits non-zero', example('python run=script'), script('', 1), { ok: false, failures: ['expected exit code 0, got 1'], diff: undefined }],
      [
        'fails a script whose output lacks the text',
        example('python run=script expect=done'),
        script('working\n'),
        { ok: false, failures: ['expected the standard output to contain "done"'], diff: '- done\n+ working' },
      ],
      // ```output blocks: exact
      ['passes an exact output block', example('python run=script', 'a\n  b \n'), script('a\n  b \n'), { ok: true, failures: [], diff: undefined }],
      [
        'fails an output block that differs in one line',
        example('python run=script', 'one\ntwo\nthree\n'),
        script('one\n2\nthree\n'),
        { ok: false, failures: ['expected the standard output to be exactly the output block'], diff: '  one\n- two\n+ 2\n  three' },
      ],
      [
        'fails an HTTP body that only contains the output block',
        example('python run=http', 'Hello\n'),
        http(200, 'Hello\nmore\n'),
        { ok: false, failures: ['expected the HTTP body to be exactly the output block'], diff: '  Hello\n+ more' },
      ],
      // the run itself failed
      [
        'fails with the record error, ignoring everything else',
        example('python run=http expect=x'),
        { ...http(200, 'x'), error: 'the server exited before answering (exit code 1)' },
        { ok: false, failures: ['the server exited before answering (exit code 1)'] },
      ],
    ])('%s', (_name, subject, record, verdict) => {
      const { checked: _checked, ...result } = checkRun(subject, record);
      expect(result).toEqual(verdict);
    });

    test('a missing final newline is no difference: a fenced block always ends in one, a body often does not', () => {
      expect(checkRun(example('python run=script', 'hello\n'), script('hello')).ok).toBe(true);
      expect(checkRun(example('python run=http', 'Hello World\n'), http(200, 'Hello World')).ok).toBe(true);
    });

    test('says what it checked', () => {
      expect(checkRun(example('python run=http expect="Hello"', 'Hello\n'), http(200, 'Hello\n')).checked).toEqual([
        'GET / → 200',
        'HTTP body contains "Hello"',
        'HTTP body matches the output shown',
      ]);
      expect(checkRun(example('python run=script exit=3'), script('', 3)).checked).toEqual(['exit status 3']);
    });
  });

  describe('lineDiff', () => {
    test.each<[string, string, string, string]>([
      // [name, expected, actual, diff]
      ['equal texts', 'a\nb\n', 'a\nb\n', '  a\n  b'],
      ['a changed line', 'a\nb\nc\n', 'a\nB\nc\n', '  a\n- b\n+ B\n  c'],
      ['an added line', 'a\n', 'a\nb\n', '  a\n+ b'],
      ['a removed line', 'a\nb\n', 'b\n', '- a\n  b'],
      ['an empty actual', 'a\n', '', '- a\n+ '],
    ])('%s', (_name, expected, actual, diff) => {
      expect(lineDiff(expected, actual)).toBe(diff);
    });
  });
});
