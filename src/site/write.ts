// Stage 7: write the site into a staging folder, then swap it into place, so a failed build leaves the old site.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SiteWriteError } from '../errors.ts';
import type { OutputFileData } from '../render/output.ts';

export type OutputFile = OutputFileData;

export interface WriteSiteOptions {
  /** Runs on the complete staging folder before the swap (e.g. search indexing); if it throws, the old site stays. */
  beforeSwap?: (stagingDir: string) => Promise<unknown>;
}

/** Write `files` as the new content of `outDir`, replacing the previous site only once all are written. */
export async function writeSite(outDir: string, files: OutputFile[], options: WriteSiteOptions = {}): Promise<void> {
  const parent = path.dirname(outDir);
  const token = randomBytes(4).toString('hex');
  const staging = path.join(parent, `.${path.basename(outDir)}-staging-${token}`);
  const previous = path.join(parent, `.${path.basename(outDir)}-previous-${token}`);
  try {
    await writeFiles(staging, files);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw new SiteWriteError(`Could not write the site: ${(error as Error).message}`, {
      file: path.relative(process.cwd(), outDir) || outDir,
      hint: 'Check that the folder is writable and the disk has space; the previous site was left as it was.',
      cause: error,
    });
  }
  try {
    await options.beforeSwap?.(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await swapInto(outDir, staging, previous);
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

// Two renames: the old site moves aside, the new one moves in. Between them outDir is briefly absent,
// never half-written; if the second rename fails the old site is moved back.
async function swapInto(outDir: string, staging: string, previous: string): Promise<void> {
  let movedAside = false;
  try {
    await rename(outDir, previous);
    movedAside = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw swapError(outDir, error);
  }
  try {
    await rename(staging, outDir);
  } catch (error) {
    if (movedAside) await rename(previous, outDir);
    await rm(staging, { recursive: true, force: true });
    throw swapError(outDir, error);
  }
  if (movedAside) await rm(previous, { recursive: true, force: true });
}

function swapError(outDir: string, cause: unknown): SiteWriteError {
  return new SiteWriteError(`Could not replace ${outDir} with the new site: ${(cause as Error).message}`, {
    file: outDir,
    hint: 'Close programs using the folder and build again.',
    cause,
  });
}
