// Tests the heading-ids plugin: readable slugs, and ids unique within one document.
import MarkdownIt from 'markdown-it';
import { describe, expect, test } from 'vitest';
import { headingIds, slugifyHeading } from '../../../../src/markdown/plugins/heading-ids.ts';

function ids(markdown: string, md = new MarkdownIt().use(headingIds)): string[] {
  return md
    .parse(markdown, {})
    .filter((token) => token.type === 'heading_open')
    .map((token) => token.attrGet('id') ?? '');
}

describe('markdown/plugins/heading-ids', () => {
  describe('slugifyHeading', () => {
    test.each([
      // words and numbers
      ['First Stop', 'first-stop'],
      ['1. Install wsgiref', '1-install-wsgiref'],
      ['3. Attach your wsgi application to this fcgi server', '3-attach-your-wsgi-application-to-this-fcgi-server'],
      // punctuation collapses to one dash, none at the ends
      ["'Hello World' with WSGI", 'hello-world-with-wsgi'],
      ['1. Install a fastcgi interface to wsgi:', '1-install-a-fastcgi-interface-to-wsgi'],
      ['C++ & Go!', 'c-go'],
      // accents are folded
      ['Café Über', 'cafe-uber'],
      // nothing usable left
      ['!!!', 'section'],
      ['', 'section'],
      ['日本語', 'section'],
    ])('%j → %s', (text, slug) => {
      expect(slugifyHeading(text)).toBe(slug);
    });
  });

  describe('plugin', () => {
    test('numbers repeated headings from -1', () => {
      expect(ids('# Setup\n\n## Setup\n\n### Setup\n')).toEqual(['setup', 'setup-1', 'setup-2']);
    });

    test('gives unique ids even when a heading is spelled like a numbered duplicate', () => {
      const result = ids('## A\n\n## A\n\n## A 1\n');
      expect(new Set(result).size).toBe(result.length);
    });

    test('starts counting afresh in each document', () => {
      const md = new MarkdownIt().use(headingIds);
      expect(ids('# Setup\n', md)).toEqual(['setup']);
      expect(ids('# Setup\n', md)).toEqual(['setup']);
    });

    test('slugs the heading text as written, markup included', () => {
      expect(ids('## The *fast* `path`\n')).toEqual(['the-fast-path']);
    });

    test('keeps an id set by an earlier rule', () => {
      const md = new MarkdownIt();
      md.core.ruler.push('preset_id', (state) => {
        state.tokens.find((token) => token.type === 'heading_open')?.attrSet('id', 'custom');
      });
      md.use(headingIds);
      expect(ids('# Setup\n\n# Other\n', md)).toEqual(['custom', 'other']);
    });

    test('renders the id on the heading element', () => {
      expect(new MarkdownIt().use(headingIds).render('## Hello World ##\n')).toBe('<h2 id="hello-world">Hello World</h2>\n');
    });
  });
});
