// Stage 7: the site as one folder write (its files, then the search index hook), swapped in whole by site/swap.ts.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pMap from 'p-map';
import { SiteWriteError } from '../errors.ts';
import type { OutputFileData } from '../render/output.ts';
import { holdsExactly } from '../util/folder-content.ts';
import { linkIfUnchanged } from './reuse-files.ts';
import { SEARCH_DIR } from './search-index.ts';
import { type FolderWrite, replaceFolders } from './swap.ts';

export type OutputFile = OutputFileData;

export interface WriteSiteOptions {
  /** Runs on the complete staging folder before the swap (e.g. search indexing); if it throws, the old site stays. */
  beforeSwap?: (stagingDir: string) => Promise<unknown>;
  /**
   * Leave the published site as it is (not staged, not swapped, `beforeSwap` not run) when every file of it is byte
   * for byte a file of `files`, none missing or extra. `searchIndexKept` says whether its `pagefind/` is the index
   * these pages make; absent, the site has no search index, and a published one is a difference.
   */
  keepIfUnchanged?: { searchIndexKept?: () => Promise<boolean> };
}

/** What writing the site did: files written anew, and files carried over unchanged from the previous site. */
export interface WriteStats {
  written: number;
  unchanged: number;
}

/** ` (12 written, 1,112 unchanged)`, for the build's progress line. */
export function describeWriteStats(stats: WriteStats | undefined): string {
  return stats ? ` (${stats.written.toLocaleString('en')} written, ${stats.unchanged.toLocaleString('en')} unchanged)` : '';
}

/**
 * The site at `outDir` as a folder write for `replaceFolders`: `files`, then `beforeSwap` on the finished folder.
 * A file whose bytes the current site already has is hard-linked from it instead of written: the staging folder
 * is still the whole new site (swapped in at once), but an unchanged file keeps its inode and modification time,
 * so a rebuild writes only what changed and deploy tools that compare times see only that.
 */
export function siteFolder(outDir: string, files: OutputFile[], options: WriteSiteOptions & { onWritten?: (stats: WriteStats) => void } = {}): FolderWrite {
  const keep = options.keepIfUnchanged;
  const indexKept = keep?.searchIndexKept;
  return {
    dir: outDir,
    unchanged: keep
      ? async () => {
          const kept = (!indexKept || (await indexKept())) && (await holdsExactly(outDir, files, (name) => indexKept !== undefined && name.startsWith(`${SEARCH_DIR}/`)));
          if (kept) options.onWritten?.({ written: 0, unchanged: files.length });
          return kept;
        }
      : undefined,
    fill: async (staging) => {
      try {
        const stats = await writeFiles(staging, files, outDir);
        options.onWritten?.(stats);
      } catch (error) {
        throw new SiteWriteError(`Could not write the site: ${(error as Error).message}`, {
          file: path.relative(process.cwd(), outDir) || outDir,
          hint: 'Check that the folder is writable and the disk has space; the previous site was left as it was.',
          cause: error,
        });
      }
      await options.beforeSwap?.(staging);
    },
  };
}

/** Write `files` as the new content of `outDir`, replacing the previous site only once all are written. */
export function writeSite(outDir: string, files: OutputFile[], options: WriteSiteOptions = {}): Promise<void> {
  return replaceFolders([siteFolder(outDir, files, options)]);
}

// Files in flight at once: enough to keep the disk busy, few enough to stay far from the open-files limit.
const PARALLEL_WRITES = 64;

async function writeFiles(root: string, files: OutputFile[], published: string): Promise<WriteStats> {
  const seen = new Set<string>();
  for (const file of files) {
    const target = path.resolve(root, file.path);
    if (!target.startsWith(root + path.sep)) throw new Error(`output path ${file.path} leaves the site folder`);
    if (seen.has(target)) throw new Error(`two pages want to be written to ${file.path}`);
    seen.add(target);
  }
  // Each folder is made once, after its parent; files go in as soon as their folder exists (no level-by-level wait).
  const folders = new Map<string, Promise<unknown>>([[root, mkdir(root, { recursive: true })]]);
  const folder = (dir: string): Promise<unknown> => {
    let made = folders.get(dir);
    if (!made) {
      made = folder(path.dirname(dir)).then(() => mkdir(dir, { recursive: true }));
      folders.set(dir, made);
    }
    return made;
  };
  const stats: WriteStats = { written: 0, unchanged: 0 };
  await pMap(
    files,
    async (file) => {
      const target = path.resolve(root, file.path);
      await folder(path.dirname(target));
      if (await linkIfUnchanged(path.join(published, file.path), target, file.content)) {
        stats.unchanged += 1;
        return;
      }
      await writeFile(target, file.content);
      stats.written += 1;
    },
    { concurrency: PARALLEL_WRITES },
  );
  await folders.get(root);
  return stats;
}
