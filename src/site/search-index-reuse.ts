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
  /** The new site's files: its HTML pages are what Pagefind reads. */
  files: OutputFileData[];
}

/** The fingerprint of this build's pages, and how to record the index made from them. */
export interface SearchIndexState {
  key: string;
  /** Record that the index in `searchDir` (holding `pages` pages) was made from this build's pages. */
  save(searchDir: string, pages: number): Promise<void>;
}

interface Saved {
  key: string;
  /** sha256 of the index's pagefind-entry.json, which names the index by the hash of its content. */
  entry: string;
  pages: number;
}

// Pagefind's own name for the file that describes an index; every other file of the index is named by content.
const ENTRY_FILE = 'pagefind-entry.json';

/** A hash of everything the index is made from: Pagefind's version, what it leaves out, and every HTML page. */
export async function searchIndexState(reuse: SearchIndexReuse, excluded: readonly string[]): Promise<SearchIndexState> {
  const version = await installedVersion('pagefind');
  const digest = createHash('sha256').update(`pagefind ${version}\n${excluded.join('\n')}\n`);
  for (const file of reuse.files.filter((candidate) => candidate.path.endsWith('.html')).sort((a, b) => (a.path < b.path ? -1 : 1))) {
    digest.update(`${file.path}\0${file.content.length}\0`).update(file.content);
  }
  const key = digest.digest('hex');
  return {
    key,
    async save(searchDir, pages) {
      const saved: Saved = { key, entry: hashOf(await readFile(path.join(searchDir, ENTRY_FILE))), pages };
      await mkdir(path.dirname(reuse.stateFile), { recursive: true });
      const temporary = `${reuse.stateFile}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(saved));
      await rename(temporary, reuse.stateFile);
    },
  };
}

/**
 * Link the published index into `searchDir` when it was made from the same pages, and return its page count;
 * undefined when it must be made again. The saved entry's hash must match the published one: a build that
 * indexed but was stopped before its swap left the state of an index that never went out.
 */
export async function reuseSearchIndex(reuse: SearchIndexReuse, state: SearchIndexState, searchDir: string): Promise<number | undefined> {
  const published = path.join(reuse.previous, path.basename(searchDir));
  try {
    const saved = JSON.parse(await readFile(reuse.stateFile, 'utf8')) as Saved;
    if (saved.key !== state.key || saved.entry !== hashOf(await readFile(path.join(published, ENTRY_FILE)))) return undefined;
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
    return undefined; // no state, no published index, or not linkable: index again
  }
}

function hashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
