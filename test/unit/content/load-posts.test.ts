// Tests loadPosts: validated posts newest first, with drafts and future posts only when asked for.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.ts';
import { loadPosts } from '../../../src/content/load-posts.ts';
import { FrontMatterError, InvalidPostsError } from '../../../src/errors.ts';

let root: string;
const NOW = new Date('2024-06-01T00:00:00Z');

async function put(name: string, frontMatter: string): Promise<void> {
  await writeFile(path.join(root, 'content', name), `---\n${frontMatter}\n---\nBody\n`);
}

describe('content/load-posts', () => {
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'proofpress-posts-'));
    await mkdir(path.join(root, 'content'));
    await put('old.md', 'title: Old\ndate: 2006-08-31');
    await put('new.md', 'title: New\ndate: 2024-01-01');
    await put('same-day-b.md', 'title: B\ndate: 2020-05-05');
    await put('same-day-a.md', 'title: A\ndate: 2020-05-05');
    await put('draft.md', 'title: Draft\ndate: 2023-01-01\ndraft: true');
    await put('future.md', 'title: Future\ndate: 2030-01-01');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('returns published posts newest first, ties by slug, without drafts or future posts', async () => {
    const posts = await loadPosts(resolveConfig(root, {}, {}), NOW);
    expect(posts.map((post) => post.slug)).toEqual(['new', 'same-day-a', 'same-day-b', 'old']);
  });

  test('includes drafts and future posts when drafts are asked for', async () => {
    const posts = await loadPosts(resolveConfig(root, { drafts: true }, {}), NOW);
    expect(posts.map((post) => post.slug)).toEqual(['future', 'new', 'draft', 'same-day-a', 'same-day-b', 'old']);
  });

  test('fails on an invalid post with its file', async () => {
    await put('broken.md', 'date: 2020-01-01');
    await expect(loadPosts(resolveConfig(root, {}, {}), NOW)).rejects.toSatisfy(
      (error) => error instanceof FrontMatterError && error.location === 'content/broken.md:1',
    );
  });

  test('reports every invalid post, drafts included, in one error ordered by file', async () => {
    await put('b-broken.md', 'title: B\ndate: 2020-02-30');
    await put('a-broken.md', 'date: 2020-01-01\ntag: x');
    await put('c-draft.md', 'title: C\ndate: 2020-01-01\ndraft: yes please');
    const error: unknown = await loadPosts(resolveConfig(root, {}, {}), NOW).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidPostsError);
    expect((error as InvalidPostsError).message).toBe('4 errors in 3 posts; no example was run');
    expect((error as InvalidPostsError).errors.map((each) => `${each.location} ${each.message}`)).toEqual([
      'content/a-broken.md:1 Front matter field `title`: is required',
      'content/a-broken.md:3 Unknown front matter field `tag`',
      'content/b-broken.md:3 Front matter field `date`: 2020-02-30 is not a date (February 2020 has 29 days)',
      'content/c-draft.md:4 Front matter field `draft`: Invalid input: expected boolean, received string',
    ]);
  });
});
