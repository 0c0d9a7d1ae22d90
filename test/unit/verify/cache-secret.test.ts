// Tests the cache's signing secret: made once, private, the same for builds that start together, refused when damaged.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.ts';
import { CacheError } from '../../../src/errors.ts';
import { CACHE_SECRET_BYTES, loadCacheSecret } from '../../../src/verify/cache-secret.ts';

let scratch: string;
let file: string;
beforeEach(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'proofpress-secret-'));
  file = path.join(scratch, 'home', 'proofpress', 'cache.key');
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('verify/cache-secret', () => {
  test('creates 32 random bytes, readable by the owner only, in a private folder, and reads them back', async () => {
    const secret = await loadCacheSecret(file);
    expect(secret).toHaveLength(CACHE_SECRET_BYTES);
    expect(await readFile(file)).toEqual(secret);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(await loadCacheSecret(file)).toEqual(secret);
    expect(await readdir(path.dirname(file))).toEqual(['cache.key']);
  });

  test('gives one secret to every build that starts at once, replacing none', async () => {
    // Interleaved calls race as separate builds would (a replacing rename() instead of link() fails this nearly always).
    for (let round = 0; round < 5; round++) {
      const roundFile = path.join(scratch, `round-${round}`, 'cache.key');
      const secrets = await Promise.all(Array.from({ length: 64 }, () => loadCacheSecret(roundFile)));
      const onDisk = await readFile(roundFile);
      for (const secret of secrets) expect(secret.equals(onDisk)).toBe(true);
      expect(await readdir(path.dirname(roundFile))).toEqual(['cache.key']);
    }
  });

  test('differs from one machine (key file) to another', async () => {
    const other = path.join(scratch, 'other', 'cache.key');
    expect((await loadCacheSecret(file)).equals(await loadCacheSecret(other))).toBe(false);
  });

  test.each([
    ['an empty key file', Buffer.alloc(0)],
    ['a truncated key file', Buffer.alloc(8, 1)],
  ])('refuses %s rather than sign with it', async (_name, bytes) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
    await expect(loadCacheSecret(file)).rejects.toThrow(CacheError);
    await expect(loadCacheSecret(file)).rejects.toThrow(`The cache key ${file} is unusable`);
  });

  test('names the key file when it cannot be created', async () => {
    await writeFile(path.join(scratch, 'home'), 'a file where the folder should be');
    await expect(loadCacheSecret(file)).rejects.toMatchObject({ name: 'CacheError', hint: expect.stringContaining('PROOFPRESS_CACHE_KEY_FILE') });
  });

  describe('where the key lives (config/resolve)', () => {
    const root = '/project';
    test.each<[string, NodeJS.ProcessEnv, string]>([
      ['PROOFPRESS_CACHE_KEY_FILE first', { PROOFPRESS_CACHE_KEY_FILE: '/keys/pp.key', XDG_CACHE_HOME: '/xdg', HOME: '/home/u' }, '/keys/pp.key'],
      ['then $XDG_CACHE_HOME/proofpress', { XDG_CACHE_HOME: '/xdg', HOME: '/home/u' }, '/xdg/proofpress/cache.key'],
      ['a relative XDG_CACHE_HOME is ignored, as the XDG spec asks', { XDG_CACHE_HOME: 'xdg', HOME: '/home/u' }, '/home/u/.cache/proofpress/cache.key'],
      ['else ~/.cache/proofpress', { HOME: '/home/u' }, '/home/u/.cache/proofpress/cache.key'],
    ])('%s', (_name, env, expected) => {
      expect(resolveConfig(root, {}, env).cacheKeyFile).toBe(expected);
    });

    test('never inside the project, and an override wins', () => {
      expect(resolveConfig(root, {}, { HOME: '/home/u' }).cacheKeyFile.startsWith(root)).toBe(false);
      expect(resolveConfig(root, { cacheKeyFile: '/tmp/k' }, { PROOFPRESS_CACHE_KEY_FILE: '/keys/pp.key' }).cacheKeyFile).toBe('/tmp/k');
    });
  });
});
