// Tests the memo of stage 1 that dev keeps: files read again each time, a file with the same text keeps its objects.
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadSourceFiles } from '../../../src/content/load.ts';
import { createSourceMemo } from '../../../src/content/source-memo.ts';
import { FrontMatterError } from '../../../src/errors.ts';

let root: string;
let contentDir: string;
const post = (title: string) => `---\ntitle: ${title}\ndate: 2024-01-01\n---\n\nText.\n`;

describe('content/source-memo', () => {
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'proofpress-source-memo-'));
    contentDir = path.join(root, 'content');
    await mkdir(path.join(contentDir, '2006'), { recursive: true });
    await writeFile(path.join(contentDir, 'a.md'), post('A'));
    await writeFile(path.join(contentDir, '2006', 'b.md'), post('B'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('reads the files and text loadSourceFiles reads', async () => {
    expect(await createSourceMemo().readSources(root, contentDir)).toEqual(await loadSourceFiles(root, contentDir));
  });

  test('a file whose text did not change keeps its SourceFile and Post; an edited one gets new ones', async () => {
    const memo = createSourceMemo();
    const [b, a] = await memo.readSources(root, contentDir);
    const posts = [memo.toPost(a!), memo.toPost(b!)];
    await writeFile(path.join(contentDir, 'a.md'), post('A, edited'));
    const [b2, a2] = await memo.readSources(root, contentDir);
    expect(b2).toBe(b);
    expect(memo.toPost(b2!)).toBe(posts[1]);
    expect(a2).not.toBe(a);
    expect(memo.toPost(a2!).title).toBe('A, edited');
    expect(memo.counts()).toEqual({ made: 3, reused: 1 });
  });

  test('a deleted file is left out, and a file put back is read as new', async () => {
    const memo = createSourceMemo();
    const [b] = await memo.readSources(root, contentDir);
    await unlink(path.join(contentDir, '2006', 'b.md'));
    expect((await memo.readSources(root, contentDir)).map((source) => source.path)).toEqual(['content/a.md']);
    await writeFile(path.join(contentDir, '2006', 'b.md'), post('B'));
    const [back] = await memo.readSources(root, contentDir);
    expect(back).toEqual(b);
    expect(back).not.toBe(b);
  });

  test('an invalid post throws its error every time: errors are not kept', async () => {
    await writeFile(path.join(contentDir, 'a.md'), '---\ntitle: [A\ndate: 2024-01-01\n---\n');
    const memo = createSourceMemo();
    const [, a] = await memo.readSources(root, contentDir);
    expect(() => memo.toPost(a!)).toThrow(FrontMatterError);
    expect(() => memo.toPost(a!)).toThrow(FrontMatterError);
    expect(memo.counts()).toEqual({ made: 2, reused: 0 });
  });
});
