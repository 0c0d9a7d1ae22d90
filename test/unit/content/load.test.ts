// Tests loadSourceFiles: every .md under the content folder, sorted, with root-relative forward-slash paths.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadSourceFiles } from '../../../src/content/load.ts';

let root: string;

async function put(relative: string, text: string): Promise<void> {
  const file = path.join(root, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

describe('content/load', () => {
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'proofpress-load-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('reads every Markdown file under the content folder, sorted by path, with root-relative paths', async () => {
    await put('content/b.md', 'B');
    await put('content/a.md', 'A');
    await put('content/2006/c.md', 'C\r\n');
    await put('content/notes.txt', 'not a post');
    await put('content/node_modules/pkg/readme.md', 'not a post');
    await put('elsewhere.md', 'outside content');
    const files = await loadSourceFiles(root, path.join(root, 'content'));
    expect(files).toEqual([
      { path: 'content/2006/c.md', text: 'C\r\n' },
      { path: 'content/a.md', text: 'A' },
      { path: 'content/b.md', text: 'B' },
    ]);
  });

  test('returns no files for an empty content folder', async () => {
    await mkdir(path.join(root, 'content'));
    expect(await loadSourceFiles(root, path.join(root, 'content'))).toEqual([]);
  });
});
