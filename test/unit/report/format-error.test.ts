// Tests the one error printer: located, hinted messages with causes, and a stack trace only when debugging.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ExampleFailedError, FrontMatterError, ProofpressError, RunnerError } from '../../../src/errors.ts';
import { formatError, printError } from '../../../src/report/format-error.ts';

function fullError(): ExampleFailedError {
  const root = new Error('connect ECONNREFUSED 127.0.0.1:8000');
  const middle = new Error('no answer on port 8000', { cause: root });
  return new ExampleFailedError('Example failed: expected HTTP status 200, got nothing', {
    file: 'content/hello-world-with-wsgi.md',
    line: 42,
    example: 'simpletest.py (run=http)',
    details: ['Expected (-) vs actual (+):', '- Hello world!\n+ '],
    hint: 'Fix the code or its expectation.',
    cause: middle,
  });
}

describe('report/format-error', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  test('prints message, File, Example, details, Hint and a Reason per cause, without a stack', () => {
    expect(formatError(fullError(), { debug: false })).toMatchInlineSnapshot(`
      "✗ Example failed: expected HTTP status 200, got nothing
        File: content/hello-world-with-wsgi.md:42
        Example: simpletest.py (run=http)
        Expected (-) vs actual (+):
        - Hello world!
        + 
        Hint: Fix the code or its expectation.
        Reason: no answer on port 8000
        Reason: connect ECONNREFUSED 127.0.0.1:8000"
    `);
  });

  test.each<[string, ProofpressError, string]>([
    // location
    ['a file without a line', new FrontMatterError('Bad', { file: 'content/x.md' }), '✗ Bad\n  File: content/x.md'],
    ['no location at all', new RunnerError('No Python found', { hint: 'Install Python 3.' }), '✗ No Python found\n  Hint: Install Python 3.'],
    // causes that are not Errors
    ['a string cause', new RunnerError('pip failed', { cause: 'exit code 1' }), '✗ pip failed\n  Reason: exit code 1'],
  ])('prints %s', (_name, error, printed) => {
    expect(formatError(error, { debug: false })).toBe(printed);
  });

  test('adds the stack trace only in debug mode', () => {
    const error = fullError();
    expect(formatError(error, { debug: false })).not.toContain('    at ');
    const debug = formatError(error, { debug: true });
    expect(debug.startsWith(formatError(error, { debug: false }))).toBe(true);
    expect(debug).toContain(`\n\n${error.stack}`);
  });

  test('reads debug mode from DEBUG when not told', () => {
    const error = new RunnerError('x');
    vi.stubEnv('DEBUG', '');
    expect(formatError(error)).toBe('✗ x');
    vi.stubEnv('DEBUG', '1');
    expect(formatError(error)).toContain(error.stack!);
  });

  test('colours the message red and the hint yellow only when asked', () => {
    const error = new RunnerError('x', { file: 'a.md', hint: 'do y' });
    expect(formatError(error, { colour: true, debug: false })).toBe('\u001b[31;1m✗ x\u001b[0m\n  File: a.md\n\u001b[33m  Hint: do y\u001b[0m');
    expect(formatError(error, { debug: false })).not.toContain('\u001b[');
  });

  describe('errors that are not ProofpressErrors', () => {
    test('prints an Error as an internal error without a stack', () => {
      const error = new TypeError("Cannot read properties of undefined (reading 'map')", { cause: new Error('inner') });
      expect(formatError(error, { debug: false })).toMatchInlineSnapshot(`
        "✗ Internal error: Cannot read properties of undefined (reading 'map')
          This is a bug in proofpress. Run again with DEBUG=1 to see the stack trace, and report it.
          Reason: inner"
      `);
    });

    test('shows the stack of an internal error in debug mode', () => {
      const error = new Error('boom');
      expect(formatError(error, { debug: true })).toContain(error.stack!);
    });

    test.each<[string, unknown, string]>([
      ['a thrown string', 'boom', 'boom'],
      ['a thrown number', 42, '42'],
      ['null', null, 'null'],
      ['undefined', undefined, 'undefined'],
    ])('prints %s', (_name, thrown, text) => {
      expect(formatError(thrown, { debug: true }).split('\n')[0]).toBe(`✗ Internal error: ${text}`);
    });
  });

  test('printError writes the formatted error and a newline to stderr', () => {
    vi.stubEnv('DEBUG', '');
    vi.stubEnv('NO_COLOR', '1');
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    printError(new RunnerError('No Python found', { hint: 'Install Python 3.' }));
    expect(write).toHaveBeenCalledWith('✗ No Python found\n  Hint: Install Python 3.\n');
  });
});
