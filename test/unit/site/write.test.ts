// Tests site/write: the site's files written into a staging folder and swapped in, the previous site kept on failure.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { SiteWriteError } from '../../../src/errors.ts';
import { replaceFolders } from '../../../src/site/swap.ts';
import { siteFolder, type WriteStats, writeSite } from '../../../src/site/write.ts';

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function oldSite(): Promise<{ parent: string; outDir: string }> {
  const parent = await mkdtemp(path.join(tmpdir(), 'proofpress-write-'));
  roots.push(parent);
  const outDir = path.join(parent, 'site');
  await mkdir(outDir);
  await writeFile(path.join(outDir, 'index.html'), 'old');
  return { parent, outDir };
}

describe('site/write', () => {
  test('replaces the site with the new files, running beforeSwap on the complete staging folder', async () => {
    const { parent, outDir } = await oldSite();
    let seen: string[] = [];
    await writeSite(outDir, [{ path: 'index.html', content: 'new' }, { path: 'a/b.html', content: 'b' }], {
      beforeSwap: async (staging) => {
        seen = (await readdir(staging, { recursive: true })).sort();
        await writeFile(path.join(staging, 'extra.txt'), 'from the hook');
      },
    });
    expect(seen).toEqual(['a', 'a/b.html', 'index.html']);
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toBe('new');
    expect(await readFile(path.join(outDir, 'extra.txt'), 'utf8')).toBe('from the hook');
    expect(await readdir(parent)).toEqual(['site']);
  });

  test('keeps the previous site and removes the staging folder when beforeSwap fails', async () => {
    const { parent, outDir } = await oldSite();
    const failing = writeSite(outDir, [{ path: 'index.html', content: 'new' }], {
      beforeSwap: () => Promise.reject(new SiteWriteError('index failed')),
    });
    await expect(failing).rejects.toThrow('index failed');
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toBe('old');
    expect(await readdir(parent)).toEqual(['site']);
  });

  test('refuses a path that leaves the site folder, keeping the previous site', async () => {
    const { outDir } = await oldSite();
    await expect(writeSite(outDir, [{ path: '../escape.html', content: 'x' }])).rejects.toBeInstanceOf(SiteWriteError);
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toBe('old');
  });

  test('siteFolder writes only into the staging folder it is given, leaving outDir to the swap', async () => {
    const { parent, outDir } = await oldSite();
    const staging = path.join(parent, '.site-staging-test');
    const folder = siteFolder(outDir, [{ path: 'index.html', content: 'new' }], { beforeSwap: (dir) => writeFile(path.join(dir, 'indexed'), '') });
    expect(folder.dir).toBe(outDir);
    await folder.fill(staging);
    expect((await readdir(staging)).sort()).toEqual(['index.html', 'indexed']);
    expect(await readdir(outDir)).toEqual(['index.html']);
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toBe('old');
  });
});

describe('site/write rebuilds', () => {
  test('writes only what changed: an unchanged file keeps its inode, and the old site stays whole until the swap', async () => {
    const { outDir } = await oldSite();
    await writeSite(outDir, [{ path: 'index.html', content: 'same' }, { path: 'a/b.html', content: 'b' }]);
    const before = await stat(path.join(outDir, 'index.html'));
    let counted: WriteStats | undefined;
    await replaceFolders([siteFolder(outDir, [{ path: 'index.html', content: 'same' }, { path: 'a/b.html', content: 'B!' }], { onWritten: (stats) => (counted = stats) })]);
    expect(counted).toEqual({ written: 1, unchanged: 1 });
    expect((await stat(path.join(outDir, 'index.html'))).ino).toBe(before.ino);
    expect(await readFile(path.join(outDir, 'a/b.html'), 'utf8')).toBe('B!');
  });
});
