// Cleans up after builds that were killed: their sandbox folders, their staging folders, and an output folder left moved aside.
import { lstat, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SANDBOX_DIR_PREFIX } from '../runners/sandbox.ts';
import { isProcessAlive } from '../util/process-alive.ts';
import { parseSideFolder } from './swap.ts';

export interface SweepOptions {
  /** Output folders (site/, snippets/) whose staging and previous folders are cleaned up. */
  dirs: string[];
  /** Where example sandboxes are made. @default os.tmpdir() */
  tmpDir?: string;
}

/** What the sweep did, as absolute paths. */
export interface SweepResult {
  removed: string[];
  /** Output folders moved back from their previous folder (a build killed between its two renames). */
  restored: string[];
  /** Leftovers that could not be removed (another user's, or in use); the next build tries again. */
  failed: string[];
}

/**
 * Remove what builds whose process is gone left behind: `proofpress-<pid>-*` sandboxes in the temp
 * folder and `.site-staging-*` / `.site-previous-*` folders (any output folder's). A folder whose pid
 * still runs is left alone. When an output folder is missing and a previous one exists, the build was
 * killed between the swap's two renames: the previous folder is renamed back instead of deleted.
 * Run it holding the build lock, so no other build of the folder is mid-swap.
 */
export async function sweepLeftovers(options: SweepOptions): Promise<SweepResult> {
  const result: SweepResult = { removed: [], restored: [], failed: [] };
  for (const dir of options.dirs) await sweepBeside(dir, result);
  const sandbox = new RegExp(`^${SANDBOX_DIR_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)-`);
  const tmpDir = options.tmpDir ?? tmpdir();
  for (const name of await list(tmpDir)) {
    const pid = sandbox.exec(name)?.[1];
    if (pid !== undefined && !isProcessAlive(Number(pid))) await remove(path.join(tmpDir, name), result);
  }
  return result;
}

/** The sweep in one line, for the build's progress output. */
export function describeSweep(result: SweepResult): string {
  const failed = result.failed.length > 0 ? `, ${result.failed.length} could not be removed` : '';
  return `Swept leftovers of interrupted builds: ${result.removed.length} removed, ${result.restored.length} restored${failed}`;
}

async function sweepBeside(dir: string, result: SweepResult): Promise<void> {
  const parent = path.dirname(dir);
  const leftovers: { path: string; kind: 'staging' | 'previous' }[] = [];
  for (const name of await list(parent)) {
    const side = parseSideFolder(name);
    if (side?.base !== path.basename(dir) || (side.pid !== undefined && isProcessAlive(side.pid))) continue;
    leftovers.push({ path: path.join(parent, name), kind: side.kind });
  }
  if (!(await exists(dir))) {
    const previous = await newest(leftovers.filter((leftover) => leftover.kind === 'previous').map((leftover) => leftover.path));
    if (previous) {
      await rename(previous, dir);
      result.restored.push(dir);
      leftovers.splice(leftovers.findIndex((leftover) => leftover.path === previous), 1);
    }
  }
  for (const leftover of leftovers) await remove(leftover.path, result);
}

async function remove(target: string, result: SweepResult): Promise<void> {
  try {
    await rm(target, { recursive: true, force: true });
    result.removed.push(target);
  } catch {
    result.failed.push(target);
  }
}

async function list(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function exists(target: string): Promise<boolean> {
  return lstat(target).then(
    () => true,
    () => false,
  );
}

// Several previous folders need several builds killed mid-swap with no sweep between; the latest changed is the best guess.
async function newest(paths: string[]): Promise<string | undefined> {
  const dated = await Promise.all(paths.map(async (candidate) => ({ candidate, mtime: (await lstat(candidate)).mtimeMs })));
  return dated.sort((a, b) => b.mtime - a.mtime)[0]?.candidate;
}
