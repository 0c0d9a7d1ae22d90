// Stage 7: the site as one folder write (its files, then the search index hook), swapped in whole by site/swap.ts.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SiteWriteError } from '../errors.ts';
import type { OutputFileData } from '../render/output.ts';
import { type FolderWrite, replaceFolders } from './swap.ts';

export type OutputFile = OutputFileData;

export interface WriteSiteOptions {
  /** Runs on the complete staging folder before the swap (e.g. search indexing); if it throws, the old site stays. */
  beforeSwap?: (stagingDir: string) => Promise<unknown>;
}

/** The site at `outDir` as a folder write for `replaceFolders`: `files`, then `beforeSwap` on the finished folder. */
export function siteFolder(outDir: string, files: OutputFile[], options: WriteSiteOptions = {}): FolderWrite {
  return {
    dir: outDir,
    fill: async (staging) => {
      try {
        await writeFiles(staging, files);
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

async function writeFiles(root: string, files: OutputFile[]): Promise<void> {
  const seen = new Set<string>();
  for (const file of files) {
    const target = path.resolve(root, file.path);
    if (!target.startsWith(root + path.sep)) throw new Error(`output path ${file.path} leaves the site folder`);
    if (seen.has(target)) throw new Error(`two pages want to be written to ${file.path}`);
    seen.add(target);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
  await mkdir(root, { recursive: true });
}
