// Tests the locked-down front-matter split: refused code engines, located YAML errors and the body offset.
import { afterEach, describe, expect, test } from 'vitest';
import { splitFrontMatter } from '../../../src/content/front-matter.ts';
import { FrontMatterError } from '../../../src/errors.ts';
import { formatError } from '../../../src/report/format-error.ts';

const FILE = 'content/post.md';

function split(text: string) {
  return splitFrontMatter({ path: FILE, text });
}

function frontMatterError(text: string): FrontMatterError {
  try {
    split(text);
  } catch (error) {
    if (error instanceof FrontMatterError) return error;
    throw error;
  }
  throw new Error('expected a FrontMatterError');
}

declare global {
  var __pwned: unknown;
}

describe('content/front-matter', () => {
  afterEach(() => {
    delete globalThis.__pwned;
  });

  describe('code engines', () => {
    test.each([
      // gray-matter would evaluate these with eval()
      ['js', '---js\n{ title: (globalThis.__pwned = 1, "x") }\n---\nbody\n'],
      ['javascript', '---javascript\n{ title: (globalThis.__pwned = 1, "x") }\n---\nbody\n'],
      ['js after a space', '--- js\n{ title: (globalThis.__pwned = 1, "x") }\n---\nbody\n'],
      ['js after a byte order mark', '\uFEFF---js\n{ title: (globalThis.__pwned = 1, "x") }\n---\nbody\n'],
    ])('refuses `---%s` front matter with file and line 1, without evaluating it', (_name, text) => {
      const error = frontMatterError(text);
      expect(error.file).toBe(FILE);
      expect(error.line).toBe(1);
      expect(error.message).toMatch(/^Front matter in `---(js|javascript)` is not allowed/);
      expect(globalThis.__pwned).toBeUndefined();
    });

    test('prints the refusal of `---js` with its location and hint', () => {
      expect(formatError(frontMatterError('---js\n{ title: "x" }\n---\n'), { debug: false })).toMatchInlineSnapshot(`
        "✗ Front matter in \`---js\` is not allowed: it would run code from content
          File: content/post.md:1
          Hint: Write the front matter as YAML between \`---\` lines."
      `);
    });

    test('refuses `---coffee` front matter with file and line 1', () => {
      const error = frontMatterError('---coffee\ntitle: "x"\n---\n');
      expect(error.location).toBe(`${FILE}:1`);
      expect(error.message).toBe('Front matter in `---coffee` is not supported');
    });

    test('accepts an explicit `---yaml` opening', () => {
      expect(split('---yaml\ntitle: a\n---\nbody').data).toEqual({ title: 'a' });
    });
  });

  describe('YAML errors', () => {
    // gray-matter hands js-yaml the block *with* the newline after the opening `---`, so js-yaml's
    // 0-based mark.line already counts from file line 1.
    test.each([
      // [name, text, file line of the fault, message fragment]
      // js-yaml notices the open list on the next line; the error names the line that opened it
      ['an unclosed flow list', '---\ntitle: a\ntags: [Tech\nslug: b\n---\nbody', 3, 'missed comma between flow collection entries'],
      ['a reserved indicator', '---\ntitle: a\nslug: @b\n---\nbody', 3, 'end of the stream or a document separator is expected'],
      ['a badly indented key', '---\ntitle: a\n  bad: indent\nslug: b\n---\nbody', 3, 'bad indentation of a mapping entry'],
      ['a duplicated key', '---\ntitle: a\nslug: b\nslug: c\n---\nbody', 4, 'duplicated mapping key'],
    ])('reports %s as a FrontMatterError on the faulty line', (_name, text, line, fragment) => {
      const error = frontMatterError(text);
      expect(error.message).toBe(`Cannot read the front matter: ${fragment}`);
      expect(error.file).toBe(FILE);
      expect(error.line).toBe(line);
    });

    test('prints a YAML error with its location and hint', () => {
      expect(formatError(frontMatterError('---\ntitle: a\nslug: b\nslug: c\n---\nbody'), { debug: false })).toMatchInlineSnapshot(`
        "✗ Cannot read the front matter: duplicated mapping key
          File: content/post.md:4
          Hint: \`slug\` is given twice in the front matter: keep one."
      `);
    });

    test.each([
      // [name, text, line, column, hint]
      // an unquoted `: ` inside a value, the most common one: a title such as "WSGI: an introduction"
      ['a colon in a title', '---\ntitle: WSGI: an introduction\n---\n', 2, 12, 'YAML reads the `: ` in the title as the start of another field: put the title in quotes, e.g. `title: "WSGI: an introduction"`.'],
      ['a colon in a title with quotes in it', '---\ntitle: He said "hi": twice\n---\n', 2, 20, 'YAML reads the `: ` in the title as the start of another field: put the title in quotes, e.g. `title: \'He said "hi": twice\'`.'],
      ['a colon in another field', '---\ntitle: a\nsummary: Note: short\n---\n', 3, 14, 'YAML reads the `: ` in the value as the start of another field: put the value in quotes, e.g. `summary: "Note: short"`.'],
      // characters YAML reserves at the start of a plain value
      ['a backquote', '---\ntitle: `wsgiref` explained\n---\n', 2, 8, 'YAML does not allow a backquote at the start of a plain value: put the title in quotes, e.g. title: "`wsgiref` explained".'],
      ['an at sign', '---\ntitle: a\nslug: @b\n---\n', 3, 7, 'YAML does not allow `@` at the start of a plain value: put the value in quotes, e.g. `slug: "@b"`.'],
      // brackets and quotes
      ['a title that starts like a list', '---\ntitle: [Draft] Notes\n---\n', 2, 8, 'A value that starts with `[` is read as a list: put the title in quotes, e.g. `title: "[Draft] Notes"`.'],
      ['a list left open', '---\ntitle: a\ntags: [Tech, Python\nslug: b\n---\n', 3, 7, 'This list is never closed: end it with `]`, e.g. `tags: [Tech, Python]`.'],
      ['text after the closing quote', '---\ntitle: "Hello" world\n---\n', 2, 8, 'The quotes must enclose the title as a whole, e.g. `title: \'"Hello" world\'`.'],
      // anything else keeps the general advice, at the place js-yaml names
      ['a bad indentation', '---\ntitle: a\n  bad: indent\nslug: b\n---\n', 3, 6, 'Front matter must be valid YAML between two `---` lines at the top of the file.'],
    ])('hints at the fix for %s, pointing at it', (_name, text, line, column, hint) => {
      const error = frontMatterError(text);
      expect({ line: error.line, column: error.column, hint: error.hint }).toEqual({ line, column, hint });
    });
  });

  describe('body and bodyOffset', () => {
    test.each([
      // [name, text, body, bodyOffset]
      ['front matter then a blank line', '---\ntitle: a\n---\n\nhello\n', '\nhello\n', 3],
      ['front matter then text at once', '---\ntitle: a\n---\nhello\n', 'hello\n', 3],
      ['CRLF line endings (normalised to LF)', '---\r\ntitle: a\r\n---\r\n\r\nhello\r\n', '\nhello\n', 3],
      ['empty front matter', '---\n---\nhello\n', 'hello\n', 2],
      ['no front matter', 'hello\n', 'hello\n', 0],
      ['a byte order mark', '\uFEFF---\ntitle: a\n---\nhello\n', 'hello\n', 3],
    ])('splits %s', (_name, text, body, bodyOffset) => {
      const result = split(text);
      expect(result.body).toBe(body);
      expect(result.bodyOffset).toBe(bodyOffset);
      // The defining property: body line N is file line N + bodyOffset.
      const fileLines = text.replace(/\r\n/g, '\n').split('\n');
      const bodyLine = result.body.split('\n').indexOf('hello');
      expect(fileLines[bodyLine + result.bodyOffset]?.replace(/^\uFEFF/, '')).toBe('hello');
    });

    test('returns a fresh data object for identical inputs (gray-matter cache bypassed)', () => {
      const text = '---\ntitle: a\ntags: [x]\n---\nbody\n';
      const first = split(text);
      (first.data.tags as string[]).push('mutated');
      expect(split(text).data).toEqual({ title: 'a', tags: ['x'] });
    });
  });
});
