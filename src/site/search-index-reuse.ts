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
  /** Whether the index published in `previous` was made from these pages (its saved state matches, and it is intact). */
  reusable(previous: string): Promise<boolean>;
  /** Record that the index in `searchDir` (holding `pages` pages) was made from this build's pages. */
  save(searchDir: string, pages: number): Promise<void>;
  /** The saved state, when it is this build's. */
  saved(): Promise<Saved | undefined>;
}

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
  const saved = async (): Promise<Saved | undefined> => {
    const found = JSON.parse(await readFile(stateFile, 'utf8').catch(() => 'null')) as Saved | null;
    return found?.key === key ? found : undefined;
  };
  return {
    key,
    saved,
    async reusable(previous) {
      // The saved entry's hash must match the published one: a build that indexed but was stopped before its swap
      // left the state of an index that never went out.
      const found = await saved();
      const published = await readFile(path.join(previous, SEARCH_FOLDER, ENTRY_FILE)).catch(() => undefined);
      return found !== undefined && published !== undefined && found.entry === hashOf(published);
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

// The index's folder in a site (search-index.ts SEARCH_DIR; not imported from there, which imports this file).
const SEARCH_FOLDER = 'pagefind';

/**
 * Link the index published in `previous` into `searchDir` when `state` finds it reusable, and return its page
 * count; undefined when it must be made again.
 */
export async function reuseSearchIndex(previous: string, state: SearchIndexState, searchDir: string): Promise<number | undefined> {
  const published = path.join(previous, path.basename(searchDir));
  try {
    const saved = await state.saved();
    if (!saved || !(await state.reusable(previous))) return undefined;
    const entries = await readdir(published, { recursive: true, withFileTypes: true });
    for (const dir of [published, ...entries.filter((entry) => entry.isDirectory()).map((entry) => path.join(entry.parentPath, entry.name))].sort()) {
      await mkdir(path.join(searchDir, path.relative(published, dir)), { recursive: true });
    }
    await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return link(file, path.join(searchDir, path.relative(published, file)));
    }));
    return saved.pages;
  } catch {
    return undefined; // not linkable: index again
  }
}

function hashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
