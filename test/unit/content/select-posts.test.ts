// Which posts `--filter <post>` names: by slug, file name or path, with the variant files shown on their pages.
import { describe, expect, test } from 'vitest';
import { postFilter, selectPosts } from '../../../src/content/select-posts.ts';
import { ConfigError } from '../../../src/errors.ts';

const ROOT = '/blog';
const POSTS = [
  { source: 'content/hello-world-with-wsgi.md', slug: 'a-very-simple-introduction-to-wsgi' },
  { source: 'content/hello-world-with-wsgi-python-3.md', slug: 'hello-world-with-wsgi-python-3', variantOf: 'a-very-simple-introduction-to-wsgi' },
  { source: 'content/notes/other.md', slug: 'other' },
];

describe('content/select-posts', () => {
  test.each([
    // by the slug (front matter or file name)
    ['a-very-simple-introduction-to-wsgi', ['content/hello-world-with-wsgi.md', 'content/hello-world-with-wsgi-python-3.md']],
    ['other', ['content/notes/other.md']],
    // by the file name without .md, when the slug differs
    ['hello-world-with-wsgi', ['content/hello-world-with-wsgi.md', 'content/hello-world-with-wsgi-python-3.md']],
    // by the path, relative to the root or absolute
    ['content/notes/other.md', ['content/notes/other.md']],
    ['./content/notes/other.md', ['content/notes/other.md']],
    ['/blog/content/notes/other.md', ['content/notes/other.md']],
    // a variant file alone
    ['hello-world-with-wsgi-python-3', ['content/hello-world-with-wsgi-python-3.md']],
  ])('%s selects %j', (query, sources) => {
    expect([...selectPosts(POSTS, query, ROOT)]).toEqual(sources);
  });

  test('rejects a query that names no post, listing some that exist', () => {
    expect(() => selectPosts(POSTS, 'hello', ROOT)).toThrow(ConfigError);
    expect(() => selectPosts(POSTS, 'hello', ROOT)).toThrow(
      expect.objectContaining({
        message: '--filter hello names no post',
        hint: "Give a post's slug or its file (content/hello-world-with-wsgi.md); posts include a-very-simple-introduction-to-wsgi, hello-world-with-wsgi-python-3, other. Drafts and future-dated posts are only found with --drafts.",
      }),
    );
  });

  test('postFilter tells whether an example belongs to a selected post, and why the others did not run', () => {
    const filter = postFilter(POSTS, 'other', ROOT);
    expect(filter.runs({ source: 'content/notes/other.md' })).toBe(true);
    expect(filter.runs({ source: 'content/hello-world-with-wsgi.md' })).toBe(false);
    expect(filter.reason).toBe('not run: this build ran only the examples of --filter other');
  });
});
