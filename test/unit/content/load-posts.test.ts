// Tests loadPosts: validated posts newest first, with drafts and future posts only when asked for.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.ts';
import { loadPosts } from '../../../src/content/load-posts.ts';
import { FrontMatterError } from '../../../src/errors.ts';

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

  test('fails on the first invalid post with its file', async () => {
    await put('broken.md', 'date: 2020-01-01');
    await expect(loadPosts(resolveConfig(root, {}, {}), NOW)).rejects.toSatisfy(
      (error) => error instanceof FrontMatterError && error.location === 'content/broken.md:1',
    );
  });
});
