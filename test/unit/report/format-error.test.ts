// Tests the one error printer: located, hinted messages with causes, and a stack trace only when debugging.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ExampleFailedError, ExamplesFailedError, FrontMatterError, InvalidPostsError, ProofpressError, RunnerError } from '../../../src/errors.ts';
import { formatError, formatErrors, printError } from '../../../src/report/format-error.ts';

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
          This is a bug in proofpress. Run again with --debug to see the stack trace, and report it.
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

  describe('code frames', () => {
    let root: string;
    const POST = ['---', 'title: T', 'date: 2024-01-02', '---', '', 'Text.', '', '```python file=a.py run=script expect="hi"', 'print("bye")', '```', ''].join('\n');

    afterEach(async () => {
      await rm(root, { recursive: true, force: true });
    });

    async function project(): Promise<string> {
      root = await mkdtemp(path.join(tmpdir(), 'proofpress-frame-'));
      await mkdir(path.join(root, 'content'));
      await writeFile(path.join(root, 'content', 'a.md'), POST);
      return root;
    }

    test('shows the lines of the post around the error, read from the project folder, before details and hint', async () => {
      const error = new ExampleFailedError('Example failed: expected stdout to contain "hi"', {
        file: 'content/a.md',
        line: 8,
        example: 'a.py (run=script)',
        details: ['Expected (-) vs actual (+):', '- hi\n+ bye'],
        hint: 'Fix the code or its expectation.',
      });
      expect(formatError(error, { debug: false, root: await project() })).toMatchInlineSnapshot(`
        "✗ Example failed: expected stdout to contain "hi"
          File: content/a.md:8
          Example: a.py (run=script)

             6 | Text.
             7 |
          >  8 | \`\`\`python file=a.py run=script expect="hi"
             9 | print("bye")
            10 | \`\`\`

          Expected (-) vs actual (+):
          - hi
          + bye
          Hint: Fix the code or its expectation."
      `);
    });

    test('puts a caret under the column when the error knows it', async () => {
      const error = new FrontMatterError('Bad date', { file: 'content/a.md', line: 3, column: 7 });
      expect(formatError(error, { debug: false, root: await project() }).split('\n').slice(3, 7)).toEqual([
        '    1 | ---',
        '    2 | title: T',
        '  > 3 | date: 2024-01-02',
        '      |       ^',
      ]);
    });

    test.each<[string, ProofpressError]>([
      ['no line', new FrontMatterError('Bad', { file: 'content/a.md' })],
      ['no file', new RunnerError('No Python found')],
      ['a file that is not there', new FrontMatterError('Bad', { file: 'content/gone.md', line: 2 })],
      ['a line the file does not have', new FrontMatterError('Bad', { file: 'content/a.md', line: 400 })],
    ])('shows none for an error with %s', async (_name, error) => {
      expect(formatError(error, { debug: false, root: await project() })).toBe(formatError(error, { debug: false }));
    });

    test('shows none without the project folder, which the file is relative to', async () => {
      await project();
      expect(formatError(new FrontMatterError('Bad', { file: 'content/a.md', line: 3 }), { debug: false })).toBe('✗ Bad\n  File: content/a.md:3');
    });
  });

  describe('errors that carry others', () => {
    test('prints each failed example, then the summary', () => {
      const failures = [new ExampleFailedError('Example failed: a', { file: 'content/a.md', line: 3 }), new ExampleFailedError('Example failed: b', { file: 'content/b.md', line: 9 })];
      const error = new ExamplesFailedError('2 of 5 examples failed; the site was not written', failures, { hint: 'Each failure above names its file and line.' });
      expect(formatErrors(error, { debug: false })).toBe(
        [
          '✗ Example failed: a\n  File: content/a.md:3',
          '✗ Example failed: b\n  File: content/b.md:9',
          '✗ 2 of 5 examples failed; the site was not written\n  Hint: Each failure above names its file and line.',
        ].join('\n\n'),
      );
    });

    test('prints each error of every invalid post, then the summary', () => {
      const errors = [new FrontMatterError('Unknown front matter field `tag`', { file: 'content/a.md', line: 4 }), new FrontMatterError('Bad date', { file: 'content/b.md', line: 3 })];
      const error = new InvalidPostsError('2 errors in 2 posts; no example was run', errors);
      expect(formatErrors(error, { debug: false }).split('\n\n')).toEqual([
        '✗ Unknown front matter field `tag`\n  File: content/a.md:4',
        '✗ Bad date\n  File: content/b.md:3',
        '✗ 2 errors in 2 posts; no example was run',
      ]);
    });

    test('prints any other error alone', () => {
      expect(formatErrors(new RunnerError('x'), { debug: false })).toBe('✗ x');
    });
  });

  test('printError writes the formatted error and a newline to stderr', () => {
    vi.stubEnv('DEBUG', '');
    vi.stubEnv('NO_COLOR', '1');
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    printError(new RunnerError('No Python found', { hint: 'Install Python 3.' }));
    expect(write).toHaveBeenCalledWith('✗ No Python found\n  Hint: Install Python 3.\n');
  });

  test('printError prints the stack when told to (--debug), whatever DEBUG says', () => {
    vi.stubEnv('DEBUG', '');
    vi.stubEnv('NO_COLOR', '1');
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const error = new RunnerError('x');
    printError(error, { debug: true });
    expect(write).toHaveBeenCalledWith(`✗ x\n\n${error.stack}\n`);
  });
});
