import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { createMarkdown } from '../../../src/markdown/create.ts';
import type { OutputFileData } from '../../../src/render/output.ts';
import { startSearchIndex } from '../../../src/site/search-index.ts';
import type { SearchIndexReuse } from '../../../src/site/search-index-reuse.ts';

/** Write `files` into `dir` and index them there, as a build does into its staging folder. */
async function writeSearchIndex(dir: string, files: OutputFileData[], reuse?: SearchIndexReuse): Promise<number> {
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
    await writeFile(path.join(dir, file.path), file.content);
  }
  return startSearchIndex(files, reuse).writeInto(dir);
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav>Menu words</nav><article data-pagefind-body><h1>${title}</h1><p>${body}</p></article></body></html>`;

describe('site/search-index', () => {
  test('writes the Pagefind index and its self-contained UI into the site folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'proofpress-search-'));
    try {
      const files = [
        { path: 'index.html', content: page('Hello WSGI', 'wsgiref serves the app') },
        { path: 'other.html', content: '<!doctype html><html lang="en"><body><p>A page without a marked body</p></body></html>' },
        { path: 'style.css', content: 'body {}' },
      ];
      expect(await writeSearchIndex(dir, files)).toBe(1);
      const ui = await readFile(path.join(dir, 'pagefind', 'pagefind-ui.js'), 'utf8');
      expect(ui).toContain('PagefindUI');
      expect(await readFile(path.join(dir, 'pagefind', 'pagefind-ui.css'), 'utf8')).not.toMatch(/@import|url\(https?:/);
      const entry = JSON.parse(await readFile(path.join(dir, 'pagefind', 'pagefind-entry.json'), 'utf8'));
      // Only the page with data-pagefind-body is in the index.
      expect(entry.languages.en.page_count).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("a page's result links to its folder's URL", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'proofpress-search-'));
    try {
      await writeSearchIndex(dir, [{ path: '2006/02/23/hello-wsgi/index.html', content: page('Hello WSGI', 'wsgiref serves the app') }]);
      const [fragment] = await readdir(path.join(dir, 'pagefind', 'fragment'));
      const text = gunzipSync(await readFile(path.join(dir, 'pagefind', 'fragment', fragment!))).toString('utf8');
      expect((JSON.parse(text.slice(text.indexOf('{'))) as { url: string }).url).toBe('/2006/02/23/hello-wsgi/');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('indexes a formula once as MathML and TeX, without the contents list or footnote back links', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'proofpress-search-'));
    try {
      const article = createMarkdown().render('[[toc]]\n\n## Energy\n\nEinstein: $E = mc^2$ holds.[^1]\n\n[^1]: A note.\n');
      await writeSearchIndex(dir, [{ path: 'index.html', content: `<!doctype html><html lang="en"><head><title>T</title></head><body><article data-pagefind-body>${article}</article></body></html>` }]);
      // A fragment is the page's indexed text: gzip of "pagefind_dcd" and JSON.
      const [fragment] = await readdir(path.join(dir, 'pagefind', 'fragment'));
      const text = gunzipSync(await readFile(path.join(dir, 'pagefind', 'fragment', fragment!))).toString('utf8');
      const { content } = JSON.parse(text.slice(text.indexOf('{'))) as { content: string };
      // MathML's text, then the TeX annotation; KaTeX's visual spans would have added a third `E=mc2`.
      expect(content).toBe('Energy. Einstein: E=mc2E = mc^2 holds. [1] A note.');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('site/search-index rebuilds', () => {
  /** A site folder holding `pages`, and the files a build would hand the index. */
  async function siteWith(parent: string, name: string, pages: Record<string, string>) {
    const dir = path.join(parent, name);
    await mkdir(dir, { recursive: true });
    for (const [file, text] of Object.entries(pages)) await writeFile(path.join(dir, file), text);
    return { dir, files: Object.entries(pages).map(([file, content]) => ({ path: file, content })) };
  }

  test('keeps the published index when no page changed (linked, not made again), and makes a new one when a page did', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'proofpress-search-'));
    try {
      const stateFile = path.join(parent, 'cache', 'search-index.json');
      const pages = { 'index.html': page('Hello WSGI', 'wsgiref serves the app') };
      const published = await siteWith(parent, 'site', pages);
      expect(await writeSearchIndex(published.dir, published.files, { previous: path.join(parent, 'none'), stateFile })).toBe(1);
      const entry = path.join('pagefind', 'pagefind-entry.json');

      const same = await siteWith(parent, 'same', pages);
      expect(await writeSearchIndex(same.dir, same.files, { previous: published.dir, stateFile })).toBe(1);
      expect((await stat(path.join(same.dir, entry))).ino).toBe((await stat(path.join(published.dir, entry))).ino);

      const changed = await siteWith(parent, 'changed', { 'index.html': page('Hello WSGI', 'gunicorn serves it now') });
      expect(await writeSearchIndex(changed.dir, changed.files, { previous: published.dir, stateFile })).toBe(1);
      expect((await stat(path.join(changed.dir, entry))).ino).not.toBe((await stat(path.join(published.dir, entry))).ino);
      // The state now describes the changed site's index, which was never published: the old index is not taken for it.
      const again = await siteWith(parent, 'again', { 'index.html': page('Hello WSGI', 'gunicorn serves it now') });
      await writeSearchIndex(again.dir, again.files, { previous: published.dir, stateFile });
      expect((await stat(path.join(again.dir, entry))).ino).not.toBe((await stat(path.join(published.dir, entry))).ino);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
