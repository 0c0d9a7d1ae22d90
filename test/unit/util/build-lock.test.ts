// Tests util/build-lock with real processes: one holder at a time, waiting with a message, free as soon as the holder dies.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { BuildLockError, ProofpressError } from '../../../src/errors.ts';
import { acquireBuildLock, LOCK_NAME } from '../../../src/util/build-lock.ts';
import { stillRunning } from '../../helpers/processes.ts';
import { REPO_ROOT } from '../../helpers/project.ts';

const LOCK_MODULE = pathToFileURL(path.join(REPO_ROOT, 'src', 'util', 'build-lock.ts')).href;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempProject(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'proofpress-lock-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  return root;
}

/** A Node process running `code` (an ES module that may import src/*.ts through tsx), killed after the test. */
function startNode(code: string): ResultPromise<{ reject: false; cwd: string }> {
  const child = execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { reject: false, cwd: REPO_ROOT });
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await child;
  });
  return child;
}

/** A separate process that takes the lock of `root` and keeps it until killed. (Wrapped: an execa child is a thenable.) */
async function startHolder(root: string): Promise<{ holder: ResultPromise }> {
  const holder = startNode(`
    import { acquireBuildLock } from ${JSON.stringify(LOCK_MODULE)};
    await acquireBuildLock(${JSON.stringify(root)});
    process.stdout.write('held\\n');
    setInterval(() => {}, 1000);
  `);
  await new Promise<void>((resolve, reject) => {
    holder.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve());
    void holder.then((result) => reject(new Error(`the holder ended: ${result.stderr}`)));
  });
  return { holder };
}

describe('util/build-lock', () => {
  test('is a folder in the project root while held, and leaves nothing once released', async () => {
    const root = await tempProject();
    const lock = await acquireBuildLock(root);
    expect(lock.path).toBe(path.join(root, LOCK_NAME));
    expect(await readdir(root)).toEqual([LOCK_NAME]);
    expect((await readdir(lock.path))[0]).toMatch(new RegExp(`^owner-${process.pid}-[0-9a-f]+$`));
    await lock.release();
    expect(await readdir(root)).toEqual([]);
  });

  test('makes a second taker wait, saying once which pid holds it, then fail naming the pid and the lock file', async () => {
    const root = await tempProject();
    const { holder } = await startHolder(root);
    const messages: string[] = [];
    const started = Date.now();
    const error = await acquireBuildLock(root, { timeoutMs: 600, pollMs: 50, onWait: (message) => messages.push(message) }).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(messages).toEqual([`Waiting for another build of this folder (pid ${holder.pid}) to finish…`]);
    expect(error).toBeInstanceOf(BuildLockError);
    expect(error).toBeInstanceOf(ProofpressError);
    expect((error as BuildLockError).message).toBe(
      `Gave up after waiting 600 ms for another build of this folder (pid ${holder.pid}), which holds ${path.join(root, LOCK_NAME)}`,
    );
    expect((error as BuildLockError).file).toBe(LOCK_NAME);
    expect((error as BuildLockError).hint).toContain(`kill ${holder.pid}`);
    // The waiting process left nothing of its own behind.
    expect(await readdir(root)).toEqual([LOCK_NAME]);
  });

  test('is free the moment its holder is SIGKILLed, with no staleness timeout', async () => {
    const root = await tempProject();
    const { holder } = await startHolder(root);
    let waiting!: () => void;
    const waited = new Promise<void>((resolve) => (waiting = resolve));
    const taking = acquireBuildLock(root, { timeoutMs: 30_000, pollMs: 50, onWait: () => waiting() });
    await waited;
    holder.kill('SIGKILL');
    await holder;
    expect(await stillRunning(holder.pid!)).toBe(false);
    const killed = Date.now();
    const lock = await taking;
    expect(Date.now() - killed).toBeLessThan(2_000);
    expect((await readdir(lock.path))[0]).toMatch(new RegExp(`^owner-${process.pid}-`));
    await lock.release();
    // The dead holder's lock was renamed aside and deleted: only what the new holder released is gone too.
    expect(await readdir(root)).toEqual([]);
  });

  test('takes over an empty lock folder, which no lock ever is', async () => {
    const root = await tempProject();
    await mkdir(path.join(root, LOCK_NAME));
    const lock = await acquireBuildLock(root, { timeoutMs: 0 });
    expect((await readdir(lock.path))[0]).toMatch(new RegExp(`^owner-${process.pid}-`));
    await lock.release();
  });

  test('waits on a lock folder it did not make, then fails with a hint to delete it', async () => {
    const root = await tempProject();
    await mkdir(path.join(root, LOCK_NAME));
    await writeFile(path.join(root, LOCK_NAME, 'notes.txt'), 'made by hand');
    const messages: string[] = [];
    const error = await acquireBuildLock(root, { timeoutMs: 100, pollMs: 20, onWait: (message) => messages.push(message) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BuildLockError);
    expect((error as BuildLockError).message).toBe(`Gave up after waiting 100 ms: ${path.join(root, LOCK_NAME)} exists but names no proofpress build`);
    expect((error as BuildLockError).hint).toBe(`If no build is running, delete ${path.join(root, LOCK_NAME)} and build again.`);
    expect(messages).toEqual([]);
    expect(await readdir(path.join(root, LOCK_NAME))).toEqual(['notes.txt']);
  });

  test('lets exactly one of many processes racing for a dead holder’s lock hold it at any time', async () => {
    const root = await tempProject();
    const { holder } = await startHolder(root);
    holder.kill('SIGKILL');
    await holder;
    const go = path.join(root, 'go');
    const log = path.join(root, 'log');
    const inside = path.join(root, 'inside');
    const ready = path.join(root, 'ready');
    // Each racer waits for the same signal, takes the lock, and checks that nobody else is inside.
    const racers = Array.from({ length: 6 }, () =>
      startNode(`
        import { appendFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
        import { acquireBuildLock } from ${JSON.stringify(LOCK_MODULE)};
        appendFileSync(${JSON.stringify(ready)}, process.pid + '\\n');
        while (!existsSync(${JSON.stringify(go)})) await new Promise((resolve) => setTimeout(resolve, 1));
        const lock = await acquireBuildLock(${JSON.stringify(root)}, { pollMs: 5 });
        try {
          mkdirSync(${JSON.stringify(inside)});
        } catch {
          appendFileSync(${JSON.stringify(log)}, 'overlap ' + process.pid + '\\n');
        }
        appendFileSync(${JSON.stringify(log)}, 'held ' + process.pid + '\\n');
        await new Promise((resolve) => setTimeout(resolve, 20));
        rmSync(${JSON.stringify(inside)}, { recursive: true, force: true });
        await lock.release();
      `),
    );
    // Every racer starts (tsx takes a moment), then they all go at once.
    const deadline = Date.now() + 30_000;
    while ((await readFile(ready, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean).length < racers.length) {
      if (Date.now() > deadline) throw new Error(`not every racer started: ${(await Promise.race([Promise.all(racers), Promise.resolve([])])).map((r) => r.stderr).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await writeFile(go, '');
    const results = await Promise.all(racers);
    for (const result of results) expect(result.exitCode, result.stderr).toBe(0);
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    expect(lines.filter((line) => line.startsWith('overlap'))).toEqual([]);
    expect(lines.map((line) => Number(line.split(' ')[1])).sort()).toEqual(racers.map((racer) => racer.pid).sort());
    expect((await readdir(root)).sort()).toEqual(['go', 'log', 'ready']);
  });
});
