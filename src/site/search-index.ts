// Stage 7b: the Pagefind search index (and its UI files) written into a finished site folder, so search needs no server.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SiteWriteError } from '../errors.ts';
import { RENDER_CACHE_DIR } from '../render/cache/render-store.ts';
import { reuseSearchIndex, type SearchIndexReuse, searchIndexState } from './search-index-reuse.ts';

/** Folder of the index inside the site; the layout loads `/pagefind/pagefind-ui.js` from it. */
export const SEARCH_DIR = 'pagefind';

/** Where a project records what its published index was made from (see search-index-reuse.ts). */
export function searchIndexStateFile(cacheDir: string): string {
  return path.join(cacheDir, RENDER_CACHE_DIR, 'search-index.json');
}

/**
 * What search leaves out of a post: captured example output and the text copy buttons copy; KaTeX's visual
 * half of each formula (its MathML and TeX stay indexed, so a formula is found once, not three times); the
 * table of contents, which repeats the headings; footnotes' back links (`↩︎`).
 */
const EXCLUDED = ['.example-output', '.copy-text', '.katex-html', '.table-of-contents', '.footnote-backref'];

/**
 * Index the HTML pages under `siteDir` and write `siteDir/pagefind/`. Only elements marked
 * `data-pagefind-body` (post articles) are indexed, without the EXCLUDED parts.
 * Returns the number of pages in the index.
 */
export async function writeSearchIndex(siteDir: string, reuse?: SearchIndexReuse): Promise<number> {
  // Pagefind has no incremental mode: it indexes every page again. When no page changed, the published index is kept.
  const state = reuse ? await searchIndexState(reuse, EXCLUDED) : undefined;
  if (reuse && state) {
    const pages = await reuseSearchIndex(reuse, state, path.join(siteDir, SEARCH_DIR));
    if (pages !== undefined) return pages;
  }
  // Pagefind runs its bundled binary as a service: it must be closed or the build process stays alive.
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({ excludeSelectors: EXCLUDED });
    if (!index) throw new Error(errors.join('; ') || 'no index was created');
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(added.errors.join('; '));
    const written = await index.writeFiles({ outputPath: path.join(siteDir, SEARCH_DIR) });
    if (written.errors.length) throw new Error(written.errors.join('; '));
    const pages = await countIndexedPages(path.join(siteDir, SEARCH_DIR));
    if (reuse && state) await state.save(path.join(siteDir, SEARCH_DIR), pages);
    return pages;
  } catch (error) {
    throw new SiteWriteError(`Could not build the search index: ${(error as Error).message}`, {
      file: siteDir,
      hint: 'Pagefind ships its binary in an optional npm dependency (@pagefind/<platform>): run `npm install` again; the previous site was left as it was.',
      cause: error,
    });
  } finally {
    await pagefind.close();
  }
}

// addDirectory counts every HTML file it read; the entry file counts the pages that made it into the index.
async function countIndexedPages(searchDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(searchDir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}
