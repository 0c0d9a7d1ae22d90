import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { createMarkdown } from '../../../src/markdown/create.ts';
import { writeSearchIndex } from '../../../src/site/search-index.ts';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav>Menu words</nav><article data-pagefind-body><h1>${title}</h1><p>${body}</p></article></body></html>`;

describe('site/search-index', () => {
  test('writes the Pagefind index and its self-contained UI into the site folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'proofpress-search-'));
    try {
      await writeFile(path.join(dir, 'index.html'), page('Hello WSGI', 'wsgiref serves the app'));
      await writeFile(path.join(dir, 'other.html'), '<!doctype html><html lang="en"><body><p>A page without a marked body</p></body></html>');
      expect(await writeSearchIndex(dir)).toBe(1);
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

  test('indexes a formula once as MathML and TeX, without the contents list or footnote back links', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'proofpress-search-'));
    try {
      const article = createMarkdown().render('[[toc]]\n\n## Energy\n\nEinstein: $E = mc^2$ holds.[^1]\n\n[^1]: A note.\n');
      await writeFile(path.join(dir, 'index.html'), `<!doctype html><html lang="en"><head><title>T</title></head><body><article data-pagefind-body>${article}</article></body></html>`);
      await writeSearchIndex(dir);
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
