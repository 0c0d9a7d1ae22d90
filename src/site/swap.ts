// Replaces output folders whole: each is written into a staging folder beside it, then swapped in with two renames.
import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { SiteWriteError } from '../errors.ts';

/** One folder to replace, e.g. `site/` or `snippets/`. */
export interface FolderWrite {
  /** The folder as readers see it. */
  dir: string;
  /** Writes the complete new content into `staging` (a path that does not exist yet, in the same parent as `dir`). */
  fill: (staging: string) => Promise<unknown>;
  /**
   * Whether `dir` already holds exactly the new content: then it is neither written nor swapped (a rebuild of an
   * unchanged site touches nothing). Absent: always written.
   */
  unchanged?: () => Promise<boolean>;
}

/** What a folder beside an output folder is: a staging folder being written or a previous one being replaced. */
export interface SideFolder {
  /** Name of the output folder it belongs to (`site`). */
  base: string;
  kind: 'staging' | 'previous';
  /** The build that made it; absent in names written before the pid was part of them. */
  pid?: number;
}

// `.site-staging-<pid>-<hex>`: the pid lets a later build tell a dead build's leftovers from a running one's.
const SIDE_FOLDER = /^\.(.+)-(staging|previous)-(?:(\d+)-)?[0-9a-f]+$/;

/** The staging or previous folder of `dir` for one write. */
export function sideFolderPath(dir: string, kind: SideFolder['kind'], token: string): string {
  return path.join(path.dirname(dir), `.${path.basename(dir)}-${kind}-${token}`);
}

/** What the entry `name` is, if it is a staging or previous folder. */
export function parseSideFolder(name: string): SideFolder | undefined {
  const match = SIDE_FOLDER.exec(name);
  if (!match) return undefined;
  return { base: match[1]!, kind: match[2] as SideFolder['kind'], ...(match[3] === undefined ? {} : { pid: Number(match[3]) }) };
}

/**
 * Leave each folder that already holds its new content as it is; write every other folder into its staging
 * folder first, then swap them in one after another. If any fill
 * fails, no folder is touched and every staging folder is removed: readers see the old set or the new
 * set of each folder, never a half-written one.
 */
export async function replaceFolders(allWrites: FolderWrite[]): Promise<void> {
  const kept = await Promise.all(allWrites.map((write) => write.unchanged?.() ?? false));
  const writes = allWrites.filter((_, index) => !kept[index]);
  const token = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staged = writes.map((write) => ({ ...write, staging: sideFolderPath(write.dir, 'staging', token), previous: sideFolderPath(write.dir, 'previous', token) }));
  const removeStaging = (from: number) => Promise.all(staged.slice(from).map((write) => rm(write.staging, { recursive: true, force: true })));
  // Filled side by side (the site's search index runs in Pagefind's own process while snippets are written); every
  // fill has ended before any staging folder is removed, so none is written to after its removal.
  const filled = await Promise.allSettled(staged.map((write) => write.fill(write.staging)));
  const failure = filled.find((result) => result.status === 'rejected');
  if (failure) {
    await removeStaging(0);
    throw failure.reason;
  }
  for (const [index, write] of staged.entries()) {
    try {
      await swapInto(write.dir, write.staging, write.previous);
    } catch (error) {
      await removeStaging(index);
      throw error;
    }
  }
}

// Two renames: the old folder moves aside, the new one moves in. Between them the folder is briefly
// absent, never half-written; if the second rename fails the old one is moved back. A build killed in
// between leaves only the previous folder, which the next build's sweep (site/sweep.ts) renames back.
async function swapInto(dir: string, staging: string, previous: string): Promise<void> {
  let movedAside = false;
  try {
    await rename(dir, previous);
    movedAside = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw swapError(dir, error);
  }
  try {
    await rename(staging, dir);
  } catch (error) {
    if (movedAside) await rename(previous, dir);
    throw swapError(dir, error);
  }
  if (movedAside) await rm(previous, { recursive: true, force: true });
}

function swapError(dir: string, cause: unknown): SiteWriteError {
  return new SiteWriteError(`Could not replace ${dir} with its new content: ${(cause as Error).message}`, {
    file: dir,
    hint: 'Close programs using the folder and build again.',
    cause,
  });
}
