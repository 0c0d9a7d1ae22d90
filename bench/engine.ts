// What the comparison needs of a static-site engine: how to find it, clean its caches, build the corpus and count its pages.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Corpus } from './corpus.ts';
import type { Command } from './measure.ts';

/** An engine found on this machine, or why it is skipped. */
export type Detected = { version: string } | { missing: string };

/** One engine of the comparison. */
export interface Engine {
  name: string;
  /** Its version, or the reason it is not installed (printed as a skip line). */
  detect(): Promise<Detected>;
  /** Remove its output and every cache it keeps, so the next build starts cold. */
  clean(corpus: Corpus): Promise<void>;
  /** The build of the corpus, as a user runs it. */
  command(corpus: Corpus): Command;
  /** The folder its pages are written to. */
  outDir(corpus: Corpus): string;
}

/** Remove `entries` of `dir` (missing ones are fine). */
export async function removeAll(dir: string, entries: string[]): Promise<void> {
  await Promise.all(entries.map((entry) => rm(path.join(dir, entry), { recursive: true, force: true })));
}

/** Post pages an engine wrote: `index.html` files whose folder names a generated post (`post-0042-…`). */
export async function countPostPages(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((entry) => path.basename(entry) === 'index.html' && path.basename(path.dirname(entry)).startsWith('post-')).length;
}
