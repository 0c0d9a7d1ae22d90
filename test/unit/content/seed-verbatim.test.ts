// The seed article exactly as migrated (Python reprs, tz-less date, `## x ##` headings, indented code, a broken
// reference link) goes through content → markdown → examples without edits; its indented code comes out as written.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { toPost } from '../../../src/content/post.ts';
import { extractExamples } from '../../../src/examples/extract.ts';
import { createMarkdown } from '../../../src/markdown/create.ts';
import { parsePost } from '../../../src/markdown/parse.ts';
import { fixturePath } from '../../helpers/project.ts';

const SOURCE = 'test/fixtures/seed-verbatim/hello-world-with-wsgi.md';
const text = readFileSync(fixturePath('seed-verbatim', 'hello-world-with-wsgi.md'), 'utf8');
const fileLines = text.split('\n');

function loadSeed() {
  const post = toPost({ path: SOURCE, text });
  const parsed = parsePost(createMarkdown(), post);
  return { post, parsed, examples: extractExamples(parsed).examples };
}

/**
 * The seed's indented code block whose first line is `firstLine`, read straight from the fixture text:
 * its 1-based file line and its code as written (the seed's six columns of indentation removed, whitespace-only
 * lines empty, trailing blank lines dropped). proofpress shows and runs that: CommonMark's four columns, then the two
 * every line of the block shares.
 */
function indentedBlock(firstLine: string): { line: number; code: string } {
  const start = fileLines.findIndex((line) => line.startsWith('    ') && line.trim() === firstLine);
  if (start === -1) throw new Error(`no indented line ${firstLine} in the seed`);
  const body: string[] = [];
  for (const line of fileLines.slice(start)) {
    if (line.trim() !== '' && !line.startsWith('    ')) break;
    body.push(line);
  }
  while (body.length > 0 && body.at(-1)!.trim() === '') body.pop();
  expect(body.filter((line) => line.trim() !== '').every((line) => line.startsWith('      '))).toBe(true);
  return { line: start + 1, code: body.map((line) => (line.trim() === '' ? '' : line.slice(6))).join('\n') + '\n' };
}

// First line of every indented code block of the seed, in order.
const BLOCKS = [
  '$ sudo easy_install wsgiref',
  'from wsgiref.simple_server import make_server, demo_app',
  '$ python simpletest.py',
  'def simple_app(environ, start_response):',
  'class SimpleApp:',
  '$ sudo easy_install flup',
  '#!/usr/bin/env python',
];

describe('content/seed-verbatim', () => {
  test('the fixture is the seed byte for byte, trailing spaces included', () => {
    expect(createHash('sha256').update(readFileSync(fixturePath('seed-verbatim', 'hello-world-with-wsgi.md'))).digest('hex')).toBe(
      '34bd6b916b1f901b9867d705f375f2ad36e133b6dc7d580d22ee6f7a2eb8959f',
    );
  });

  describe('front matter', () => {
    test('reads the folded title, the [u\'Tech\'] tags and the slug', () => {
      const { post } = loadSeed();
      expect(post.title).toBe("'Hello World' with WSGI");
      expect(post.tags).toEqual(['Tech']);
      expect(post.slug).toBe('a-very-simple-introduction-to-wsgi');
    });

    test('reads the timezone-less date as UTC', () => {
      expect(loadSeed().post.date.toISOString()).toBe('2006-08-31T16:24:46.000Z');
    });

    test('takes the WordPress post id from a list of maps', () => {
      expect(loadSeed().post.wordpressPostId).toBe(120);
    });

    test('keeps featured: False and the provenance in extra', () => {
      expect(loadSeed().post.extra).toEqual({
        themes: [],
        projects: [],
        posttypes: [],
        featured: false,
        provenance: ['wordpress', 'rufuspollock.org', 'migration-201703'],
      });
    });

    test('starts the body right after the closing ---', () => {
      const { post } = loadSeed();
      expect(fileLines[post.bodyOffset - 1]).toBe('---');
      expect(post.body).toBe(fileLines.slice(post.bodyOffset).join('\n'));
    });
  });

  describe('examples', () => {
    test('extracts every indented code block as an unannotated run=none example', () => {
      const { examples } = loadSeed();
      expect(examples).toHaveLength(BLOCKS.length);
      for (const example of examples) {
        expect(example.spec).toMatchObject({ lang: '', run: 'none', annotated: false, support: false, with: [] });
        expect(example.expectedOutput).toBeUndefined();
        expect(example.companions).toEqual([]);
      }
      expect(examples.map((example) => example.id)).toEqual(
        BLOCKS.map((_, index) => `a-very-simple-introduction-to-wsgi/0${index + 1}-block`),
      );
    });

    test.each(BLOCKS.map((first, index) => [index, first] as const))(
      'block %i (%s) has the code and the file line of the fixture',
      (index, first) => {
        const example = loadSeed().examples[index]!;
        const expected = indentedBlock(first);
        expect(example.code).toBe(expected.code);
        expect(example.line).toBe(expected.line);
        expect(fileLines[example.line - 1]!.trim()).toBe(first);
        expect(example.source).toBe(SOURCE);
      },
    );

    test('dedents the demo_app block: the seed indents by six, and the two spaces CommonMark leaves go too', () => {
      const demo = loadSeed().examples[1]!;
      expect(demo.code.split('\n')[0]).toBe('from wsgiref.simple_server import make_server, demo_app');
      expect(demo.code).toContain('\n##httpd.handle_request()\n');
      // The whitespace-only line inside the block (six spaces in the file) is empty, as in the code as written.
      expect(demo.code.split('\n')[1]).toBe('');
    });

    test('keeps the indentation inside simple_app and SimpleApp (their bodies are indented beyond the block)', () => {
      const { examples } = loadSeed();
      expect(examples[3]!.code).toContain('\n    status = \'200 OK\'\n');
      expect(examples[4]!.code).toContain('\n        self.start(status, response_headers)\n');
    });

    test('keeps the trailing space after the docstring of simple_app', () => {
      expect(loadSeed().examples[3]!.code).toContain('"""Simplest possible application object""" \n');
    });
  });

  describe('rendering with a fresh markdown-it instance', () => {
    test('renders `## heading ##` as a heading without the closing hashes', () => {
      const html = createMarkdown().render(loadSeed().post.body);
      expect(html).toContain('<h2 id="first-stop">First Stop</h2>');
      expect(html).toContain('<h3 id="1-install-wsgiref">1. Install wsgiref</h3>');
      expect(html).toContain('<h2 id="serving-an-wsgi-app-via-fastcgi">Serving an WSGI App via FastCGI</h2>');
      expect(html).not.toMatch(/<h\d[^>]*>[^<]*#/);
    });

    test('renders indented code as escaped pre/code', () => {
      const html = createMarkdown().render(loadSeed().post.body);
      expect(html).toContain('<pre><code>$ sudo easy_install wsgiref\n</code></pre>');
      expect(html).toContain('\nprint &quot;Serving HTTP on port 8000...&quot;\n');
    });

    test('does not throw on the broken reference link `[1]: …Glue>` and still links it', () => {
      const md = createMarkdown();
      const { parsed } = loadSeed();
      expect(() => md.renderer.render(parsed.tokens, md.options, parsed.env)).not.toThrow();
      const html = md.renderer.render(parsed.tokens, md.options, parsed.env);
      expect(html).toContain('<a href="http://isapi-wsgi.python-hosting.com/wiki/WSGI-Gateway-or-Glue%3E">this one</a>');
      expect(html).toContain('<a href="http://www.pythonpaste.org/">paste</a>');
    });
  });
});
