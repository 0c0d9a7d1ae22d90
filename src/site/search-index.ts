// Stage 7b: the Pagefind search index (and its UI files) written into a finished site folder, so search needs no server.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SiteWriteError } from '../errors.ts';
import { RENDER_CACHE_DIR } from '../render/cache/render-store.ts';
import type { OutputFileData } from '../render/output.ts';
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

/** The site's search index: kept from the published site or made anew; `writeInto` puts it in the finished site folder. */
export interface SearchIndexJob {
  /** Write `siteDir/pagefind/` (made from the pages, or the published index kept) and return the page count. */
  writeInto(siteDir: string): Promise<number>;
  /** Whether the published index was made from these pages (then Pagefind is not started). */
  keepsPublished(): Promise<boolean>;
}

/**
 * Decide, from `files` (the build's output in memory), whether the published index can be kept; `writeInto` then
 * links it, or has Pagefind (its own process) index the written staging folder. Only elements marked
 * `data-pagefind-body` (post articles) are indexed, without the EXCLUDED parts. Pagefind reads the folder itself:
 * fed the pages from memory over its message pipe, it took 2.4 times as long to take them in, for the same index.
 */
export function startSearchIndex(files: OutputFileData[], reuse?: SearchIndexReuse): SearchIndexJob {
  // Pagefind has no incremental mode: it indexes every page again. When no page changed, the published index is kept.
  const state = reuse ? searchIndexState(files, EXCLUDED, reuse.stateFile) : undefined;
  const publishedDir = reuse && path.join(reuse.previous, SEARCH_DIR);
  const kept = (async () => (publishedDir ? (await state!).reusable(publishedDir) : undefined))();
  kept.catch(() => {}); // reported by writeInto; a build that fails before it must not die of an unhandled rejection
  return {
    async writeInto(siteDir) {
      const searchDir = path.join(siteDir, SEARCH_DIR);
      // Pagefind runs its bundled binary as a service: it must be closed or the build process stays alive.
      let service: typeof import('pagefind') | undefined;
      try {
        const saved = await kept;
        if (saved) {
          const pages = await reuseSearchIndex(publishedDir!, saved, searchDir);
          if (pages !== undefined) return pages; // else the published index went away since it was found reusable
        }
        service = await import('pagefind');
        const { index, errors } = await service.createIndex({ excludeSelectors: EXCLUDED });
        if (!index) throw new Error(errors.join('; ') || 'no index was created');
        const added = await index.addDirectory({ path: siteDir });
        if (added.errors.length) throw new Error(added.errors.join('; '));
        const written = await index.writeFiles({ outputPath: searchDir });
        if (written.errors.length) throw new Error(written.errors.join('; '));
        const count = await countIndexedPages(searchDir);
        if (state) await (await state).save(searchDir, count);
        return count;
      } catch (error) {
        throw new SiteWriteError(`Could not build the search index: ${(error as Error).message}`, {
          file: siteDir,
          hint: 'Pagefind ships its binary in an optional npm dependency (@pagefind/<platform>): run `npm install` again; the previous site was left as it was.',
          cause: error,
        });
      } finally {
        await service?.close();
      }
    },
    keepsPublished: () => kept.then((saved) => saved !== undefined, () => false),
  };
}

// addDirectory counts every HTML file it read; the entry file counts the pages that made it into the index.
async function countIndexedPages(searchDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(searchDir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}
