// A file the published site already has, byte for byte, is hard-linked into the new site; any other is written.
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { linkIfUnchanged } from '../../../src/site/reuse-files.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function folders(): Promise<{ site: string; staging: string }> {
  const parent = await mkdtemp(path.join(tmpdir(), 'proofpress-reuse-'));
  dirs.push(parent);
  const site = path.join(parent, 'site');
  const staging = path.join(parent, '.site-staging');
  await mkdir(site);
  await mkdir(staging);
  await writeFile(path.join(site, 'index.html'), 'same');
  return { site, staging };
}

describe('site/reuse-files', () => {
  test('links an unchanged file: the new site shares its inode and modification time', async () => {
    const { site, staging } = await folders();
    expect(await linkIfUnchanged(path.join(site, 'index.html'), path.join(staging, 'index.html'), 'same')).toBe(true);
    const [published, staged] = await Promise.all([stat(path.join(site, 'index.html')), stat(path.join(staging, 'index.html'))]);
    expect(staged.ino).toBe(published.ino);
    expect(staged.mtimeMs).toBe(published.mtimeMs);
  });

  test.each([
    ['changed bytes of the same length', 'sane'],
    ['another length', 'different'],
  ])('leaves a file with %s to be written', async (_case, content) => {
    const { site, staging } = await folders();
    expect(await linkIfUnchanged(path.join(site, 'index.html'), path.join(staging, 'index.html'), content)).toBe(false);
  });

  test('leaves a file the published site lacks to be written', async () => {
    const { site, staging } = await folders();
    expect(await linkIfUnchanged(path.join(site, 'new.html'), path.join(staging, 'new.html'), new Uint8Array([1, 2]))).toBe(false);
  });
});
