import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
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
});
