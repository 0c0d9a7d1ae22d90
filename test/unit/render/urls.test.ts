import { describe, expect, test } from 'vitest';
import type { Post } from '../../../src/content/post.ts';
import { absoluteUrl, fileForUrl, postUrl, tagUrl } from '../../../src/render/urls.ts';

const post = { slug: 'hello', date: new Date('2006-08-31T23:30:00Z') } as Post;

describe('render/urls', () => {
  test.each([
    ['/:year/:month/:day/:slug/', '/2006/08/31/hello/'],
    ['/posts/:slug/', '/posts/hello/'],
    ['/:year/:slug.html', '/2006/hello.html'],
  ])('expands the permalink %s with the UTC date', (pattern, url) => {
    expect(postUrl(post, pattern)).toBe(url);
  });

  test.each([
    ['/', 'index.html'],
    ['/a/b/', 'a/b/index.html'],
    ['/a/b.html', 'a/b.html'],
    ['/archives/120', 'archives/120/index.html'],
  ])('writes %s to %s', (url, file) => {
    expect(fileForUrl(url)).toBe(file);
  });

  test('makes tag URLs path-safe and root-relative URLs absolute', () => {
    expect(tagUrl('C++ & <Python>')).toBe('/tags/c-python/');
    // Tags in other scripts get pages of their own, not all one `/tags/tag/`.
    expect(tagUrl('Установка')).toBe('/tags/ustanovka/');
    expect(tagUrl('安装')).not.toBe(tagUrl('指南'));
    expect(absoluteUrl({ baseUrl: 'https://blog.example.org/' }, '/tags/x/')).toBe('https://blog.example.org/tags/x/');
  });
});
