import { describe, expect, test } from 'vitest';
import type { Post } from '../../../src/content/post.ts';
import { RenderError } from '../../../src/errors.ts';
import type { PostEntry } from '../../../src/render/post-entry.ts';
import { collectRedirects } from '../../../src/render/redirects.ts';

function entry(url: string, post: Partial<Post>): PostEntry {
  return { url, post: { title: 'T', source: 'content/t.md', aliases: [], ...post } as Post } as PostEntry;
}

const wsgi = entry('/2006/08/31/a-very-simple-introduction-to-wsgi/', {
  source: 'content/hello-world-with-wsgi.md',
  wordpressPostId: 120,
  aliases: ['/2006/08/31/a-very-simple-introduction-to-wsgi.html', '/index.php?page_id=9'],
});

describe('render/redirects', () => {
  test('collects aliases and the WordPress /?p=ID short link', () => {
    expect(collectRedirects([wsgi], new Set()).map(({ fromPath, query, to }) => ({ fromPath, query, to }))).toEqual([
      { fromPath: '/2006/08/31/a-very-simple-introduction-to-wsgi.html', query: undefined, to: wsgi.url },
      { fromPath: '/index.php', query: { name: 'page_id', value: '9' }, to: wsgi.url },
      { fromPath: '/', query: { name: 'p', value: '120' }, to: wsgi.url },
    ]);
  });

  test.each([
    ['a space', '/old page.html', 'has characters an old URL may not hold'],
    ['a quote', '/old".html', 'has characters an old URL may not hold'],
    ['a bad %-escape', '/old%zz', 'bad or control-character %-escape'],
    ['a control character', '/old%0A', 'bad or control-character %-escape'],
    ['a page of the site', '/tags/', 'is the URL of a page of this site'],
  ])('rejects an alias with %s, naming the post', (_name, alias, problem) => {
    const error = (() => {
      try {
        collectRedirects([entry('/p/', { aliases: [alias] })], new Set(['tags/index.html']));
      } catch (caught) {
        return caught as RenderError;
      }
    })();
    expect(error).toBeInstanceOf(RenderError);
    expect(error?.message).toContain(problem);
    expect(error?.file).toBe('content/t.md');
  });

  test('rejects one old URL claimed by two posts, and keeps one copy of a repeated alias', () => {
    const a = entry('/a/', { aliases: ['/old/', '/old/'], source: 'content/a.md' });
    const b = entry('/b/', { aliases: ['/old/'], source: 'content/b.md' });
    expect(collectRedirects([a], new Set())).toHaveLength(1);
    expect(() => collectRedirects([a, b], new Set())).toThrow('`/old/` is already an old URL of content/a.md');
  });
});
