import { describe, expect, test } from 'vitest';
import { siteSchema } from '../../../src/config/schema.ts';
import { toPost } from '../../../src/content/post.ts';
import { RenderError } from '../../../src/errors.ts';
import { createMarkdown } from '../../../src/markdown/create.ts';
import { parsePost } from '../../../src/markdown/parse.ts';
import { checkLinks, collectLinks, findBrokenLinks, markdownLinkLines } from '../../../src/render/link-check.ts';
import type { VerifiedPost } from '../../../src/render/article.ts';

const site = siteSchema.parse({ baseUrl: 'https://blog.example.org/' });
const text = '---\ntitle: T\ndate: 2024-01-01\nslug: t\n---\n\nFirst [ok](/) line\nthen [gone](/gone/) here.\n\n![img](/missing.png)\n';
const parsed = parsePost(createMarkdown(), toPost({ path: 'content/t.md', text }));
const post = { parsed, examples: [], exampleTokens: [], verifications: [] } as unknown as VerifiedPost;
const page = (body: string) => `<html><body>${body}</body></html>`;

function check(files: Record<string, string>) {
  return findBrokenLinks({ files: Object.entries(files).map(([path, content]) => ({ path, content })), posts: [post], site });
}

describe('render/link-check', () => {
  test('finds the file line of each Markdown link target, counting line breaks', () => {
    expect(markdownLinkLines(parsed)).toEqual(new Map([['/', 7], ['/gone/', 8], ['/missing.png', 10]]));
  });

  test('collects href and src values with entities decoded', () => {
    expect(collectLinks('<a href="/a/?x=1&amp;y=2">a</a><img src="/i.png"><p data-href="/no/">')).toEqual(['/a/?x=1&y=2', '/i.png']);
  });

  test('locates broken Markdown links in the post and others on the page', () => {
    const broken = check({
      'index.html': page('<a href="/2024/01/01/t/">post</a> <a href="/nowhere/">x</a>'),
      '2024/01/01/t/index.html': page('<a href="/">ok</a> <a href="/gone/">gone</a> <img src="/missing.png">'),
    });
    expect(broken).toEqual([
      { file: 'index.html', page: 'index.html', href: '/nowhere/', problem: 'no page at nowhere/index.html' },
      { file: 'content/t.md', line: 8, page: '2024/01/01/t/index.html', href: '/gone/', problem: 'no page at gone/index.html' },
      { file: 'content/t.md', line: 10, page: '2024/01/01/t/index.html', href: '/missing.png', problem: 'no page at missing.png' },
    ]);
  });

  test.each([
    ['a folder with an index', '/tags'],
    ['a file', '/feed.json'],
    ['a query string', '/tags/?sort=new'],
    ['an existing id', '/tags/#python'],
    ['an absolute URL of this site', 'https://blog.example.org/tags/'],
    ['the search index written later', '/pagefind/pagefind-ui.js'],
    ['an external URL', 'https://example.com/nowhere/'],
    ['a protocol-relative URL', '//cdn.example.com/x.js'],
    ['a fragment of the same page', '#top'],
  ])('accepts %s', (_name, href) => {
    expect(check({ 'index.html': page(`<a href="${href}">x</a>`), 'tags/index.html': page('<h2 id="python">P</h2>'), 'feed.json': '{}' })).toEqual([]);
  });

  test.each([
    ['a missing id', '/tags/#nope', 'no id="nope" on tags/index.html'],
    ['a missing page of this site by absolute URL', 'https://blog.example.org/old/', 'no page at old/index.html'],
    ['a malformed escape', '/%zz', 'malformed %-escape'],
  ])('rejects %s', (_name, href, problem) => {
    expect(check({ 'index.html': page(`<a href="${href}">x</a>`), 'tags/index.html': page('') })[0]?.problem).toBe(problem);
  });

  test('throws one RenderError at the first location, or warns about each', () => {
    const files = [{ path: '2024/01/01/t/index.html', content: page('<a href="/gone/">1</a><a href="/missing.png">2</a>') }];
    const error = (() => {
      try {
        checkLinks({ files, posts: [post], site, severity: 'error', warn: () => {} });
      } catch (caught) {
        return caught as RenderError;
      }
    })();
    expect(error).toBeInstanceOf(RenderError);
    expect([error?.message, error?.location, error?.details]).toEqual([
      '2 broken internal links',
      'content/t.md:8',
      ['content/t.md:8: /gone/ (no page at gone/index.html)', 'content/t.md:10: /missing.png (no page at missing.png)'],
    ]);
    const warnings: string[] = [];
    expect(checkLinks({ files, posts: [post], site, severity: 'warn', warn: (line) => warnings.push(line) })).toHaveLength(2);
    expect(warnings[0]).toBe('⚠ broken internal link: content/t.md:8: /gone/ (no page at gone/index.html)');
  });
});
