// Tests toPost: the Post record built from valid front matter, and schema errors that name field, file and line.
import { describe, expect, test } from 'vitest';
import { toPost } from '../../../src/content/post.ts';
import { FrontMatterError, InvalidPostsError } from '../../../src/errors.ts';
import { formatError, formatErrors } from '../../../src/report/format-error.ts';

function post(text: string, file = 'content/my-post.md') {
  return toPost({ path: file, text });
}

function schemaError(text: string): FrontMatterError {
  try {
    post(text);
  } catch (error) {
    if (error instanceof FrontMatterError) return error;
    throw error;
  }
  throw new Error('expected a FrontMatterError');
}

const printed = (text: string) => formatError(schemaError(text), { debug: false });

describe('content/post', () => {
  describe('valid front matter', () => {
    test('builds a Post with defaults for every optional field', () => {
      const result = post('---\ntitle: Hello\ndate: 2024-01-02\n---\nBody text.\n');
      expect(result).toEqual({
        source: 'content/my-post.md',
        slug: 'my-post',
        title: 'Hello',
        date: new Date('2024-01-02T00:00:00Z'),
        updated: undefined,
        tags: [],
        summary: undefined,
        draft: false,
        aliases: [],
        editorNote: undefined,
        requirements: [],
        network: false,
        limits: {},
        wordpressPostId: undefined,
        extra: {},
        body: 'Body text.\n',
        bodyOffset: 4,
      });
    });

    test.each([
      // [file, slug]
      ['content/my-post.md', 'my-post'],
      ['content/2006/Hello World_again.md', 'hello-world-again'],
      ['content/--Odd--.md', 'odd'],
    ])('derives the slug of %s from its file name', (file, slug) => {
      expect(post('---\ntitle: T\ndate: 2024-01-02\n---\n', file).slug).toBe(slug);
    });

    test('prefers an explicit slug to the file name', () => {
      expect(post('---\ntitle: T\ndate: 2024-01-02\nslug: chosen-1\n---\n').slug).toBe('chosen-1');
    });

    test('maps every documented field and keeps unknown ones in extra', () => {
      const result = post(
        [
          '---',
          'title: T',
          'date: 2024-01-02T10:00:00+01:00',
          'updated: 2024-02-03',
          'tags: [a, b, a]',
          'description: Desc',
          'draft: true',
          'aliases: [/old/, /?p=5]',
          'editor_note: Note',
          'requirements: ["flup==1.0.3"]',
          'wordpress: [{post_id: 5}, {status: publish}]',
          'provenance: [wordpress]',
          'featured: False',
          '---',
          '',
        ].join('\n'),
      );
      expect(result).toMatchObject({
        date: new Date('2024-01-02T09:00:00Z'),
        updated: new Date('2024-02-03T00:00:00Z'),
        tags: ['a', 'b'],
        summary: 'Desc',
        draft: true,
        aliases: ['/old/', '/?p=5'],
        editorNote: 'Note',
        requirements: ['flup==1.0.3'],
        wordpressPostId: 5,
        extra: { provenance: ['wordpress'], featured: false },
      });
    });

    test('reads the Python its examples run on as a version prefix', () => {
      expect(post('---\ntitle: T\ndate: 2024-01-02\npython: "2.7"\n---\n').python).toBe('2.7');
      expect(post('---\ntitle: T\ndate: 2024-01-02\n---\n').python).toBeUndefined();
    });

    test('prefers summary to description', () => {
      expect(post('---\ntitle: T\ndate: 2024-01-02\nsummary: S\ndescription: D\n---\n').summary).toBe('S');
    });
  });

  describe('schema errors', () => {
    test('names a missing title, the file and the opening line', () => {
      const error = schemaError('---\ndate: 2024-01-02\n---\nBody\n');
      expect(error.message).toBe('Front matter field `title`: is required');
      expect(error.location).toBe('content/my-post.md:1');
      expect(formatError(error, { debug: false })).toMatchInlineSnapshot(`
        "✗ Front matter field \`title\`: is required
          File: content/my-post.md:1
          Hint: Add \`title: My post\` to the front matter."
      `);
    });

    test('points a missing field at the opening line even when a body line starts with its name', () => {
      // The field search must stay inside the front matter: line 5 is prose, not the missing field.
      const error = schemaError('---\ndate: 2024-01-02\n---\n\ntitle: this is prose\n');
      expect(error.location).toBe('content/my-post.md:1');
    });

    test('names an empty title on its line', () => {
      expect(printed('---\ntitle: ""\ndate: 2024-01-02\n---\n')).toMatchInlineSnapshot(`
        "✗ Front matter field \`title\`: Too small: expected string to have >=1 characters
          File: content/my-post.md:2
          Hint: Add \`title: My post\` to the front matter."
      `);
    });

    test('rejects a slug that is not path-safe on its line', () => {
      expect(printed('---\ntitle: T\ndate: 2024-01-02\nslug: Not A/Slug\n---\n')).toMatchInlineSnapshot(`
        "✗ Front matter field \`slug\`: must be lower-case letters, digits and dashes
          File: content/my-post.md:4
          Hint: Fix \`slug\` in the front matter (see the Post schema in src/content/post.ts)."
      `);
    });

    test('rejects a date that is not a date on its line', () => {
      expect(printed('---\ntitle: T\ndate: last tuesday\n---\n')).toMatchInlineSnapshot(`
        "✗ Front matter field \`date\`: Invalid input: expected date, received string
          File: content/my-post.md:3
          Hint: Write \`date: 2006-08-31\` or \`date: 2006-08-31T16:24:46Z\`."
      `);
    });

    test('requires a date', () => {
      const error = schemaError('---\ntitle: T\n---\n');
      expect(error.message).toBe('Front matter field `date`: is required');
      expect(error.line).toBe(1);
    });

    test('rejects an alias that does not start with / and names its index', () => {
      expect(printed('---\ntitle: T\ndate: 2024-01-02\naliases: [/ok/, old/path]\n---\n')).toMatchInlineSnapshot(`
        "✗ Front matter field \`aliases.1\`: must start with /
          File: content/my-post.md:4
          Hint: Fix \`aliases.1\` in the front matter (see the Post schema in src/content/post.ts)."
      `);
    });

    test('rejects a negative WordPress post id and names the nested field', () => {
      const error = schemaError('---\ntitle: T\ndate: 2024-01-02\nwordpress:\n  - post_id: -1\n---\n');
      expect(error.message).toBe('Front matter field `wordpress.post_id`: Too small: expected number to be >0');
      expect(error.line).toBe(4);
    });

    test('rejects an unquoted Python version (YAML reads 3.10 as 3.1) on its line, saying to quote it', () => {
      expect(printed('---\ntitle: T\ndate: 2024-01-02\npython: 3.10\n---\n')).toMatchInlineSnapshot(`
        "✗ Front matter field \`python\`: Invalid input: expected string, received number
          File: content/my-post.md:4
          Hint: Write the version in quotes, e.g. \`python: "2.7"\` or \`python: "3.12"\`."
      `);
    });

    test('rejects a Python version that is not a version prefix', () => {
      const error = schemaError('---\ntitle: T\ndate: 2024-01-02\npython: "py2"\n---\n');
      expect(error.message).toContain('Front matter field `python`: must be a Python version such as "2.7"');
      expect(error.line).toBe(4);
    });

    test('rejects a non-string tag', () => {
      const error = schemaError('---\ntitle: T\ndate: 2024-01-02\ntags: [ok, 5]\n---\n');
      expect(error.message).toBe('Front matter field `tags.1`: Invalid input: expected string, received number');
      expect(error.line).toBe(4);
    });
  });

  describe('misspelt fields', () => {
    test.each([
      // [written, meant]
      ['tag', 'tags'],
      ['titel', 'title'],
      ['Title', 'title'],
      ['requirement', 'requirements'],
      ['alias', 'aliases'],
      ['editor-note', 'editor_note'],
      ['variantOf', 'variant_of'],
      ['update', 'updated'],
    ])('rejects `%s:` on its line, asking whether `%s` was meant', (written, meant) => {
      const title = meant === 'title' ? '' : 'title: T\n';
      const error = schemaError(`---\n${title}date: 2024-01-02\n${written}: x\n---\n`);
      expect(error.message).toBe(`Unknown front matter field \`${written}\``);
      expect(error.line).toBe(title ? 4 : 3);
      expect(error.hint).toBe(`Did you mean \`${meant}\`? A field proofpress does not know is kept but not used, so \`${written}:\` would be ignored.`);
    });

    test('does not also say that the field it stands for is missing', () => {
      expect(printed('---\ntitel: T\ndate: 2024-01-02\n---\n')).toMatchInlineSnapshot(`
        "✗ Unknown front matter field \`titel\`
          File: content/my-post.md:2
          Hint: Did you mean \`title\`? A field proofpress does not know is kept but not used, so \`titel:\` would be ignored."
      `);
    });

    test.each([
      // far from every known field: migrated metadata, kept in extra
      ['author', 'me'],
      ['lang', 'en'],
      ['categories', '[a]'],
      ['subtitle', 'S'],
      ['layout', 'post'],
    ])('keeps `%s:`, which is no known field misspelt', (key, value) => {
      expect(post(`---\ntitle: T\ndate: 2024-01-02\n${key}: ${value}\n---\n`).extra).toHaveProperty(key);
    });

    test('keeps a near name when the field it resembles is given too (`data` beside `date`)', () => {
      expect(post('---\ntitle: T\ndate: 2024-01-02\ndata: 5\n---\n').extra).toEqual({ data: 5 });
    });
  });

  describe('impossible dates', () => {
    test.each([
      // [written, reason]; js-yaml would read the first as 14 February 2026
      ['2025-13-45', 'there is no month 13'],
      ['2025-02-30', 'February 2025 has 28 days'],
      ['"2025-02-30"', 'February 2025 has 28 days'],
      ['2025-04-31T10:00:00Z', 'April 2025 has 30 days'],
      ['2025-04-30 24:00', 'there is no hour 24'],
    ])('rejects `date: %s` on its line, saying why', (written, reason) => {
      const error = schemaError(`---\ntitle: T\ndate: ${written}\n---\n`);
      expect(error.message).toBe(`Front matter field \`date\`: ${written.replaceAll('"', '')} is not a date (${reason})`);
      expect({ line: error.line, column: error.column }).toEqual({ line: 3, column: 7 });
    });

    test('checks `updated` too, and accepts 29 February of a leap year', () => {
      expect(schemaError('---\ntitle: T\ndate: 2024-02-29\nupdated: 2023-02-29\n---\n').message).toBe(
        'Front matter field `updated`: 2023-02-29 is not a date (February 2023 has 28 days)',
      );
    });
  });

  describe('several mistakes', () => {
    test('reports every mistake of the front matter at once, in line order', () => {
      let thrown: unknown;
      try {
        post('---\ntitle: ""\ndate: 2025-13-45\ntag: [a]\nslug: Not A Slug\n---\n');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidPostsError);
      expect(formatErrors(thrown, { debug: false })).toMatchInlineSnapshot(`
        "✗ Front matter field \`title\`: Too small: expected string to have >=1 characters
          File: content/my-post.md:2
          Hint: Add \`title: My post\` to the front matter.

        ✗ Front matter field \`date\`: 2025-13-45 is not a date (there is no month 13)
          File: content/my-post.md:3
          Hint: Write a date that exists, e.g. \`date: 2006-08-31\` or \`date: 2006-08-31T16:24:46Z\`.

        ✗ Unknown front matter field \`tag\`
          File: content/my-post.md:4
          Hint: Did you mean \`tags\`? A field proofpress does not know is kept but not used, so \`tag:\` would be ignored.

        ✗ Front matter field \`slug\`: must be lower-case letters, digits and dashes
          File: content/my-post.md:5
          Hint: Fix \`slug\` in the front matter (see the Post schema in src/content/post.ts).

        ✗ 4 errors in 1 post; no example was run
          Hint: Each error above names its file and line; fix them and build again."
      `);
    });
  });
});
