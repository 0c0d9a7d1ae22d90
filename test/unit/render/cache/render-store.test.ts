// The render cache: rendered text by key, signed with the machine's secret, so that a forged page is rendered again.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createRenderStore } from '../../../../src/render/cache/render-store.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function cacheDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'proofpress-render-store-'));
  dirs.push(dir);
  return dir;
}

const KEY = 'ab'.repeat(32);
const PAGE = '<p class="verification"><strong>Verified</strong></p>';

/** The one pack the store wrote. */
async function onlyPack(dir: string): Promise<string> {
  const packs = (await readdir(path.join(dir, 'packs'))).filter((name) => name.endsWith('.pack'));
  expect(packs).toHaveLength(1);
  return path.join(dir, 'packs', packs[0]!);
}

describe('render/cache/render-store', () => {
  test('forgetUnused drops from memory what the builds since neither read nor made, once written, and keeps the rest', async () => {
    const dir = await cacheDir();
    const secret = randomBytes(32);
    const store = createRenderStore({ dir, secret });
    const [oldPage, newPage, kept] = ['01', '02', '03'].map((hex) => hex.repeat(32)) as [string, string, string];
    store.set(oldPage, '<p>the page before an edit</p>');
    store.set(kept, '<p>an unchanged page</p>');
    store.forgetUnused();
    expect(store.peek(oldPage)).toBeDefined(); // used by that build

    // The next build: the edited page has a new key; the unchanged one is read.
    expect(await store.load([kept])).toEqual(new Map([[kept, '<p>an unchanged page</p>']]));
    store.set(newPage, '<p>the page after an edit</p>');
    store.forgetUnused();
    expect(store.peek(oldPage)).toBeDefined(); // not written yet: kept until it is

    await store.flush();
    await store.load([kept, newPage]);
    store.forgetUnused();
    expect(store.peek(oldPage)).toBeUndefined();
    expect(store.peek(kept)).toBeDefined();
    // Forgotten from memory only: the pack on disk still has it for the next build that opens the cache.
    expect(await createRenderStore({ dir, secret }).load([oldPage])).toEqual(new Map([[oldPage, '<p>the page before an edit</p>']]));
  });

  test('gives back what an earlier build stored under the same key, and nothing for another key', async () => {
    const dir = await cacheDir();
    const secret = randomBytes(32);
    const first = createRenderStore({ dir, secret });
    first.set(KEY, PAGE);
    await first.flush();

    const next = createRenderStore({ dir, secret });
    expect(await next.load([KEY, 'cd'.repeat(32)])).toEqual(new Map([[KEY, PAGE]]));
    expect(next.peek(KEY)).toBe(PAGE);
  });

  test('ignores an entry whose content was edited, even with its length kept', async () => {
    const dir = await cacheDir();
    const secret = randomBytes(32);
    const store = createRenderStore({ dir, secret });
    store.set(KEY, PAGE.replace('Verified', 'Failed!!'));
    await store.flush();
    const file = await onlyPack(dir);
    await writeFile(file, (await readFile(file, 'utf8')).replace('Failed!!', 'Verified'));

    expect(await createRenderStore({ dir, secret }).load([KEY])).toEqual(new Map());
  });

  test('ignores entries signed with another secret (a cache restored from another machine)', async () => {
    const dir = await cacheDir();
    const store = createRenderStore({ dir, secret: randomBytes(32) });
    store.set(KEY, PAGE);
    await store.flush();

    expect(await createRenderStore({ dir, secret: randomBytes(32) }).load([KEY])).toEqual(new Map());
  });

  test('writes only what is new, as one pack, and never fails the build when it cannot write', async () => {
    const dir = await cacheDir();
    const secret = randomBytes(32);
    const store = createRenderStore({ dir, secret });
    store.set(KEY, PAGE);
    await store.flush();
    const before = await readFile(await onlyPack(dir), 'utf8');
    store.set(KEY, PAGE);
    await store.flush(); // nothing new: nothing written
    expect(await readFile(await onlyPack(dir), 'utf8')).toBe(before);

    const blocked = path.join(dir, 'a-file');
    await writeFile(blocked, '');
    const unwritable = createRenderStore({ dir: blocked, secret });
    unwritable.set(KEY, PAGE);
    await expect(unwritable.flush()).resolves.toBeUndefined();
  });

  test('merges its packs into one when there are too many, keeping what builds used', async () => {
    const dir = await cacheDir();
    const secret = randomBytes(32);
    const keys = Array.from({ length: 10 }, (_, i) => i.toString(16).padStart(64, '0'));
    for (const [i, key] of keys.entries()) {
      const build = createRenderStore({ dir, secret });
      await build.load(keys.slice(0, i)); // each build uses what the earlier ones made
      build.set(key, `page ${i}`);
      await build.flush();
    }
    expect((await readdir(path.join(dir, 'packs'))).length).toBeLessThan(10);
    const last = await createRenderStore({ dir, secret }).load(keys);
    expect([...last.values()]).toEqual(keys.map((_, i) => `page ${i}`));
  });
});
