// Stage 7b: the Pagefind search index (and its UI files) written into a finished site folder, so search needs no server.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { SiteWriteError } from '../errors.ts';

/** Folder of the index inside the site; the layout loads `/pagefind/pagefind-ui.js` from it. */
export const SEARCH_DIR = 'pagefind';

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
export async function writeSearchIndex(siteDir: string): Promise<number> {
  // Pagefind runs its bundled binary as a service: it must be closed or the build process stays alive.
  try {
    const { index, errors } = await pagefind.createIndex({ excludeSelectors: EXCLUDED });
    if (!index) throw new Error(errors.join('; ') || 'no index was created');
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(added.errors.join('; '));
    const written = await index.writeFiles({ outputPath: path.join(siteDir, SEARCH_DIR) });
    if (written.errors.length) throw new Error(written.errors.join('; '));
    return await countIndexedPages(path.join(siteDir, SEARCH_DIR));
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
