// `proofpress new "Title"`: a dated post named after its title's slug, never overwriting one.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { newPost } from '../../../src/commands/new-post.ts';
import { toPost } from '../../../src/content/post.ts';
import { ScaffoldError } from '../../../src/errors.ts';

let root: string;
let contentDir: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pp-new-post-'));
  contentDir = path.join(root, 'content');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const NOW = new Date('2025-03-04T05:06:07.890Z');

describe('commands/new-post', () => {
  test.each([
    ['Hello again', 'hello-again'],
    ['Hello, Wörld!', 'hello-woerld'],
    ['C++ & Rust: 10 tips', 'c-and-rust-10-tips'],
  ])('names the post %j %s.md', async (title, slug) => {
    const post = await newPost({ root, contentDir, title, now: NOW });
    expect(post).toEqual({ file: path.join(contentDir, `${slug}.md`), slug });
  });

  test('writes a post the build accepts: its title as written, dated now to the second, not a draft', async () => {
    const title = 'Quotes "and" colons: a # sign';
    const { file } = await newPost({ root, contentDir, title, now: NOW });
    const post = toPost({ path: 'content/quotes-and-colons-a-sign.md', text: await readFile(file, 'utf8') });
    expect(post).toMatchObject({ title, slug: 'quotes-and-colons-a-sign', date: new Date('2025-03-04T05:06:07Z'), draft: false, tags: [] });
  });

  test('refuses to overwrite a post, naming it', async () => {
    await newPost({ root, contentDir, title: 'Hello again', now: NOW });
    await writeFile(path.join(contentDir, 'hello-again.md'), 'my words');
    const again = newPost({ root, contentDir, title: 'Hello Again!', now: NOW });
    await expect(again).rejects.toThrow(ScaffoldError);
    await expect(again).rejects.toMatchObject({ message: 'content/hello-again.md already exists', file: 'content/hello-again.md' });
    expect(await readFile(path.join(contentDir, 'hello-again.md'), 'utf8')).toBe('my words');
  });

  test('asks for a slug when the title gives none, and takes the one given', async () => {
    await expect(newPost({ root, contentDir, title: '???' })).rejects.toMatchObject({ message: 'Cannot name a post "" after the title "???"' });
    await expect(newPost({ root, contentDir, title: '???', slug: 'Bad Slug' })).rejects.toThrow(ScaffoldError);
    expect((await newPost({ root, contentDir, title: '???', slug: 'questions' })).slug).toBe('questions');
  });
});
