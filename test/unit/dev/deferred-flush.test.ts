import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { deferFlush } from '../../../src/dev/deferred-flush.ts';
import { createRenderStore } from '../../../src/render/cache/render-store.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'proofpress-deferred-flush-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const packs = async () => (await readdir(path.join(dir, 'packs')).catch(() => [] as string[])).filter((name) => name.endsWith('.pack'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('dev/deferred-flush', () => {
  test('writes the entries of several builds as one pack once the builds pause', async () => {
    const secret = randomBytes(32);
    const store = deferFlush(createRenderStore({ dir, secret }), 100);
    store.set('a', 'page a');
    await store.flush();
    store.set('b', 'page b');
    await store.flush();
    expect(await packs()).toEqual([]);
    await sleep(300);
    expect(await packs()).toHaveLength(1);
    const reopened = createRenderStore({ dir, secret });
    expect(await reopened.load(['a', 'b'])).toEqual(new Map([['a', 'page a'], ['b', 'page b']]));
  });

  test('writes what is left at once when the server stops', async () => {
    const store = deferFlush(createRenderStore({ dir, secret: randomBytes(32) }), 60_000);
    store.set('a', 'page a');
    await store.flush();
    await store.flushNow();
    expect(await packs()).toHaveLength(1);
  });
});
