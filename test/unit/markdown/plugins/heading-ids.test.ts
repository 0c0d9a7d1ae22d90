// Tests the heading-ids plugin: readable slugs in any script, and ids unique within one document, in linear time.
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
      // accents on Latin letters are folded, so the ids of Latin headings stay what they were
      ['Café Über', 'cafe-uber'],
      // other scripts keep their letters, marks included (й is и plus a breve; Hindi's vowel signs are marks)
      ['Установка и настройка', 'установка-и-настройка'],
      ['Первый шаг: йод', 'первый-шаг-йод'],
      ['安装指南', '安装指南'],
      ['日本語の見出し', '日本語の見出し'],
      ['한국어 제목', '한국어-제목'],
      ['Ελληνικά', 'ελληνικά'],
      ['हिन्दी शीर्षक', 'हिन्दी-शीर्षक'],
      ['Python 3 на практике', 'python-3-на-практике'],
      // nothing usable left
      ['!!!', 'section'],
      ['', 'section'],
      ['🚀', 'section'],
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

    test('gives Cyrillic and CJK headings meaningful ids, unique even when repeated', () => {
      expect(ids('## Установка\n\n## 安装指南\n\n## Установка\n\n## 安装指南\n')).toEqual(['установка', '安装指南', 'установка-1', '安装指南-1']);
    });

    // goldmark#594: numbering each duplicate from 1 again made 20,000 equal headings take 22 s here (quadratic).
    test('numbers 20,000 equal headings in linear time', () => {
      const started = performance.now();
      const result = ids('## 设置\n\n'.repeat(20_000));
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(result.at(-1)).toBe('设置-19999');
      expect(new Set(result).size).toBe(20_000);
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
