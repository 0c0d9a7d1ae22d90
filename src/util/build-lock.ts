// One build of a project folder at a time: a lock folder naming its owner's pid, free once that process is dead.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BuildLockError, ProofpressError } from '../errors.ts';
import { isProcessAlive } from './process-alive.ts';

/** Name of the lock in the project root. */
export const LOCK_NAME = '.proofpress.lock';

export interface BuildLockOptions {
  /** How long to wait for another build of the same folder before failing. @default 600000 (10 minutes) */
  timeoutMs?: number;
  /** How often to look again while waiting. @default 200 */
  pollMs?: number;
  /** Called once, when the lock is held by another running build: the message to show, and its pid. */
  onWait?: (message: string, ownerPid: number) => void;
}

/** A held lock. */
export interface BuildLock {
  /** The lock folder. */
  path: string;
  release(): Promise<void>;
}

/*
 * The lock is a folder, `.proofpress.lock/`, holding one file whose name says who may act on it:
 * `owner-<pid>-<token>` while a build holds it, `reaper-<pid>-<token>` while a process removes it
 * because its owner died. The token is unique to one taking of the lock, so a path naming it can
 * only ever refer to that one lock folder, never to a newer one at the same place.
 *
 * - Taking: the folder is prepared under a unique name with its owner file inside, then renamed to
 *   `.proofpress.lock`. rename() fails if the lock exists (it is never empty), so exactly one process
 *   wins, and the lock never exists without an owner, even if its creator is killed.
 * - A dead owner (SIGKILL, power loss) frees the lock at once, with no staleness timeout: a waiting
 *   process renames `owner-<dead>-<token>` to `reaper-<own pid>-<token>`. Only one rename of that path
 *   can succeed, so only one process removes that lock folder, and it cannot be a newer lock. A reaper
 *   that dies is replaced the same way. Then the lock folder is renamed aside and deleted.
 * - Release renames the folder aside before deleting it, so no other process sees a half-deleted lock.
 */

const LOCK_ENTRY = /^(owner|reaper)-(\d+)-([0-9a-f]+)$/;

/** Take the lock of the project at `root`, waiting while another live build holds it. */
export async function acquireBuildLock(root: string, options: BuildLockOptions = {}): Promise<BuildLock> {
  const lockDir = path.join(root, LOCK_NAME);
  const { timeoutMs = 600_000, pollMs = 200 } = options;
  const deadline = Date.now() + timeoutMs;
  const token = randomBytes(8).toString('hex');
  const prepared = sideName(lockDir);
  try {
    await mkdir(prepared);
    await writeFile(path.join(prepared, `owner-${process.pid}-${token}`), `pid ${process.pid}, since ${new Date().toISOString()}: ${process.argv.join(' ')}\n`);
  } catch (error) {
    await rm(prepared, { recursive: true, force: true });
    throw new BuildLockError(`Could not create the build lock ${lockDir}: ${(error as Error).message}`, {
      file: LOCK_NAME,
      hint: 'Check that the project folder is writable.',
      cause: error,
    });
  }
  let announced = false;
  try {
    for (;;) {
      if (await tryRename(prepared, lockDir)) break;
      const holder = await readHolder(lockDir);
      if (holder && !isProcessAlive(holder.pid)) {
        await reap(lockDir, holder);
        continue;
      }
      if (holder?.role === 'owner' && !announced) {
        announced = true;
        options.onWait?.(`Waiting for another build of this folder (pid ${holder.pid}) to finish…`, holder.pid);
      }
      if (Date.now() >= deadline) throw timeoutError(lockDir, timeoutMs, holder?.pid);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } catch (error) {
    await rm(prepared, { recursive: true, force: true });
    if (error instanceof ProofpressError) throw error;
    throw new BuildLockError(`Could not take the build lock ${lockDir}: ${(error as Error).message}`, {
      file: LOCK_NAME,
      hint: 'Check that the project folder is writable; if no build is running, delete the lock folder and build again.',
      cause: error,
    });
  }
  await removeDeadSideFolders(lockDir);
  return { path: lockDir, release: () => removeLock(lockDir) };
}

/** Run `fn` holding the lock of the project at `root`; the lock is released however `fn` ends. */
export async function withBuildLock<T>(root: string, options: BuildLockOptions, fn: () => Promise<T>): Promise<T> {
  const lock = await acquireBuildLock(root, options);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

interface Holder {
  role: 'owner' | 'reaper';
  pid: number;
  token: string;
  entry: string;
}

async function readHolder(lockDir: string): Promise<Holder | undefined> {
  let entries: string[];
  try {
    entries = await readdir(lockDir);
  } catch {
    return undefined; // released meanwhile (or not a folder: then we wait and time out with a clear message)
  }
  for (const entry of entries) {
    const match = LOCK_ENTRY.exec(entry);
    if (match) return { role: match[1] as Holder['role'], pid: Number(match[2]), token: match[3]!, entry };
  }
  return undefined;
}

async function reap(lockDir: string, holder: Holder): Promise<void> {
  const claim = `reaper-${process.pid}-${holder.token}`;
  // Fails when another process claimed this lock first or it is gone: either way, look again.
  if (!(await tryRename(path.join(lockDir, holder.entry), path.join(lockDir, claim)))) return;
  await removeLock(lockDir);
}

async function removeLock(lockDir: string): Promise<void> {
  const aside = sideName(lockDir);
  try {
    await rename(lockDir, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // deleted by hand: nothing left to release
    throw error;
  }
  await rm(aside, { recursive: true, force: true });
}

// `.proofpress.lock-<pid>-<hex>`: a lock being prepared or deleted; the pid tells a dead process's leftovers.
function sideName(lockDir: string): string {
  return `${lockDir}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

async function removeDeadSideFolders(lockDir: string): Promise<void> {
  const pattern = /^\.proofpress\.lock-(\d+)-[0-9a-f]+$/;
  for (const entry of await readdir(path.dirname(lockDir))) {
    const pid = pattern.exec(entry)?.[1];
    if (pid !== undefined && !isProcessAlive(Number(pid))) await rm(path.join(path.dirname(lockDir), entry), { recursive: true, force: true });
  }
}

async function tryRename(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTEMPTY/EEXIST: `to` is a lock folder; ENOENT: `from` was claimed or removed by another process.
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw error;
  }
}

function timeoutError(lockDir: string, timeoutMs: number, pid: number | undefined): BuildLockError {
  const waited = timeoutMs < 1_000 ? `${timeoutMs} ms` : timeoutMs < 60_000 ? `${Math.round(timeoutMs / 1_000)} s` : `${Math.round(timeoutMs / 60_000)} min`;
  if (pid === undefined) {
    return new BuildLockError(`Gave up after waiting ${waited}: ${lockDir} exists but names no proofpress build`, {
      file: LOCK_NAME,
      hint: `If no build is running, delete ${lockDir} and build again.`,
    });
  }
  return new BuildLockError(`Gave up after waiting ${waited} for another build of this folder (pid ${pid}), which holds ${lockDir}`, {
    file: LOCK_NAME,
    hint: `Let that build finish or stop it (kill ${pid}), then build again. A lock whose process has died is taken over at once.`,
  });
}
