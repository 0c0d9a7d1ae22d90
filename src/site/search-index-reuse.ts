// Stage 7b: the published search index kept as it is when no page changed (Pagefind cannot update an index in part).
import { createHash } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { installedVersion } from '../render/cache/engine-fingerprint.ts';
import type { OutputFileData } from '../render/output.ts';

/** Where an unchanged index comes from. */
export interface SearchIndexReuse {
  /** The published site, whose `pagefind/` is reused when the pages it was made from are the same. */
  previous: string;
  /** What the last index was made from (`.proofpress-cache/render/search-index.json`). */
  stateFile: string;
}

/** The fingerprint of this build's pages, and how to record the index made from them. */
export interface SearchIndexState {
  key: string;
  /**
   * What was saved of the index in `publishedDir` (a site's `pagefind/`) when it was made from these pages and is
   * intact; undefined when it must be made again.
   */
  reusable(publishedDir: string): Promise<Saved | undefined>;
  /** Record that the index in `searchDir` (holding `pages` pages) was made from this build's pages. */
  save(searchDir: string, pages: number): Promise<void>;
}

/** What the state file says of the last index made. */
export interface Saved {
  key: string;
  /** sha256 of the index's pagefind-entry.json, which names the index by the hash of its content. */
  entry: string;
  pages: number;
}

// Pagefind's own name for the file that describes an index; every other file of the index is named by content.
const ENTRY_FILE = 'pagefind-entry.json';

/** A hash of everything the index is made from: Pagefind's version, what it leaves out, and every HTML page of `files`. */
export async function searchIndexState(files: OutputFileData[], excluded: readonly string[], stateFile: string): Promise<SearchIndexState> {
  const version = await installedVersion('pagefind');
  const digest = createHash('sha256').update(`pagefind ${version}\n${excluded.join('\n')}\n`);
  for (const file of files.filter((candidate) => candidate.path.endsWith('.html')).sort((a, b) => (a.path < b.path ? -1 : 1))) {
    digest.update(`${file.path}\0${file.content.length}\0`).update(file.content);
  }
  const key = digest.digest('hex');
  return {
    key,
    async reusable(publishedDir) {
      const saved = JSON.parse(await readFile(stateFile, 'utf8').catch(() => 'null')) as Saved | null;
      // The saved entry's hash must match the published one: a build that indexed but was stopped before its swap
      // left the state of an index that never went out.
      const published = await readFile(path.join(publishedDir, ENTRY_FILE)).catch(() => undefined);
      return saved?.key === key && published !== undefined && saved.entry === hashOf(published) ? saved : undefined;
    },
    async save(searchDir, pages) {
      const record: Saved = { key, entry: hashOf(await readFile(path.join(searchDir, ENTRY_FILE))), pages };
      await mkdir(path.dirname(stateFile), { recursive: true });
      const temporary = `${stateFile}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(record));
      await rename(temporary, stateFile);
    },
  };
}

/**
 * Link the index in `publishedDir`, found reusable with `saved` (SearchIndexState.reusable), into `searchDir` and
 * return its page count; undefined when it cannot be linked (it went away since, or another file system).
 */
export async function reuseSearchIndex(publishedDir: string, saved: Saved, searchDir: string): Promise<number | undefined> {
  try {
    const entries = await readdir(publishedDir, { recursive: true, withFileTypes: true });
    for (const dir of [publishedDir, ...entries.filter((entry) => entry.isDirectory()).map((entry) => path.join(entry.parentPath, entry.name))].sort()) {
      await mkdir(path.join(searchDir, path.relative(publishedDir, dir)), { recursive: true });
    }
    await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return link(file, path.join(searchDir, path.relative(publishedDir, file)));
    }));
    return saved.pages;
  } catch {
    return undefined; // not linkable: index again
  }
}

function hashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
