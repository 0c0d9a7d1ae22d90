import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { holdsExactly } from '../../../src/util/folder-content.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const FILES = [
  { path: 'index.html', content: '<p>home</p>' },
  { path: 'posts/a/index.html', content: new TextEncoder().encode('<p>a</p>') },
];

async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'proofpress-folder-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

describe('util/folder-content holdsExactly', () => {
  test('true for the same files byte for byte (empty folders aside), whether given as text or bytes', async () => {
    const dir = await folderWith({ 'index.html': '<p>home</p>', 'posts/a/index.html': '<p>a</p>' });
    await mkdir(path.join(dir, 'empty'));
    expect(await holdsExactly(dir, FILES)).toBe(true);
  });

  test('false for a changed, missing or extra file, unless the extra one is allowed', async () => {
    expect(await holdsExactly(await folderWith({ 'index.html': '<p>home!</p>', 'posts/a/index.html': '<p>a</p>' }), FILES)).toBe(false);
    expect(await holdsExactly(await folderWith({ 'index.html': '<p>home</p>' }), FILES)).toBe(false);
    const extra = await folderWith({ 'index.html': '<p>home</p>', 'posts/a/index.html': '<p>a</p>', 'pagefind/x.pf': 'index' });
    expect(await holdsExactly(extra, FILES)).toBe(false);
    expect(await holdsExactly(extra, FILES, (name) => name.startsWith('pagefind/'))).toBe(true);
  });

  test('false for a symbolic link in place of a file, and for a folder that does not exist', async () => {
    const dir = await folderWith({ 'index.html': '<p>home</p>', 'target.html': '<p>a</p>' });
    await mkdir(path.join(dir, 'posts', 'a'), { recursive: true });
    await symlink(path.join(dir, 'target.html'), path.join(dir, 'posts', 'a', 'index.html'));
    expect(await holdsExactly(dir, FILES, (name) => name === 'target.html')).toBe(false);
    expect(await holdsExactly(path.join(dir, 'missing'), FILES)).toBe(false);
  });
});
