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

  describe('text from content and examples', () => {
    // A post named `$'x\e]0;PWNED\a\e[2K.md'` and an example printing escapes reach every part of the error.
    const hostile = 'x\u001b]0;PWNED\u0007\u001b[2K';
    const shown = 'x\\x1b]0;PWNED\\x07\\x1b[2K';
    const error = new ExampleFailedError(`Example failed: ${hostile}`, {
      file: `content/${hostile}.md`,
      line: 3,
      example: `${hostile}.py (run=script)`,
      details: [`+ ${hostile}`],
      hint: `Fix content/${hostile}.md:3`,
      cause: new Error(`reason ${hostile}`, { cause: `inner ${hostile}` }),
    });

    test('escapes the message, File, Example, details, Hint and every Reason line', () => {
      const printed = formatError(error, { debug: false });
      expect(printed).not.toMatch(/[\u0007\u001b]/);
      expect(printed).toBe(
        [
          `✗ Example failed: ${shown}`,
          `  File: content/${shown}.md:3`,
          `  Example: ${shown}.py (run=script)`,
          `  + ${shown}`,
          `  Hint: Fix content/${shown}.md:3`,
          `  Reason: reason ${shown}`,
          `  Reason: inner ${shown}`,
        ].join('\n'),
      );
    });

    test("keeps proofpress's own colours around the escaped text", () => {
      const printed = formatError(error, { colour: true, debug: false });
      expect(printed.split('\n')[0]).toBe(`\u001b[31;1m✗ Example failed: ${shown}\u001b[0m`);
      expect(printed).toContain(`\u001b[33m  Hint: Fix content/${shown}.md:3\u001b[0m`);
      expect(printed.replaceAll(/\u001b\[(31;1|33|0)m/g, '')).not.toMatch(/[\u0007\u001b]/);
    });

    test('escapes the message of an internal error', () => {
      expect(formatError(new Error(`boom ${hostile}`), { debug: false }).split('\n')[0]).toBe(`✗ Internal error: boom ${shown}`);
    });
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
