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

/** A search index being made while the site is written; `writeInto` puts it in the finished site folder. */
export interface SearchIndexJob {
  /** Write `siteDir/pagefind/` (made from the pages, or the published index kept) and return the page count. */
  writeInto(siteDir: string): Promise<number>;
  /** Whether the published index was made from these pages (then Pagefind is not started). */
  keepsPublished(): Promise<boolean>;
  /** Stop Pagefind if the build ends without writing (an error after rendering); after writeInto it does nothing. */
  close(): Promise<void>;
}

/**
 * Start indexing `files`' HTML pages: Pagefind (its own process) reads them from memory while the build checks
 * links and writes the site, instead of reading the written folder afterwards. Only elements marked
 * `data-pagefind-body` (post articles) are indexed, without the EXCLUDED parts. With `reuse`, an index made from
 * the same pages is kept and Pagefind is not started.
 */
export function startSearchIndex(files: OutputFileData[], reuse?: SearchIndexReuse): SearchIndexJob {
  const pages = files.filter((file) => file.path.endsWith('.html'));
  // Pagefind has no incremental mode: it indexes every page again. When no page changed, the published index is kept.
  const state = reuse ? searchIndexState(files, EXCLUDED, reuse.stateFile) : undefined;
  let service: typeof import('pagefind') | undefined;
  const startPagefind = async () => {
    // Pagefind runs its bundled binary as a service: it must be closed or the build process stays alive.
    service = await import('pagefind');
    const { index, errors } = await service.createIndex({ excludeSelectors: EXCLUDED });
    if (!index) throw new Error(errors.join('; ') || 'no index was created');
    // sourcePath: the page's URL is worked out from its path in the site, as for a folder Pagefind reads itself.
    const added = await Promise.all(pages.map((page) => index.addHTMLFile({ sourcePath: page.path, content: contentText(page.content) })));
    const failed = added.flatMap((result) => result.errors);
    if (failed.length) throw new Error(failed.join('; '));
    return index;
  };
  const keepsPublished = (async () => reuse !== undefined && (await (await state!).reusable(reuse.previous)))();
  const indexing = keepsPublished.then((kept) => (kept ? undefined : startPagefind()));
  indexing.catch(() => {}); // reported by writeInto; a build that fails before it must not die of an unhandled rejection
  const close = async () => {
    await indexing.catch(() => {});
    await service?.close();
    service = undefined;
  };
  return {
    async writeInto(siteDir) {
      const searchDir = path.join(siteDir, SEARCH_DIR);
      try {
        let index = await indexing;
        if (!index) {
          const kept = await reuseSearchIndex(reuse!.previous, await state!, searchDir);
          if (kept !== undefined) return kept;
          index = await startPagefind(); // the published index went away since it was found reusable
        }
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
        await close();
      }
    },
    keepsPublished: () => keepsPublished.catch(() => false),
    close,
  };
}

function contentText(content: string | Uint8Array): string {
  return typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
}

// addDirectory counts every HTML file it read; the entry file counts the pages that made it into the index.
async function countIndexedPages(searchDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(searchDir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}
