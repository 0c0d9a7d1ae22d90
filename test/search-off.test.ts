// `site.search: false`: no Pagefind index, no search box or search script on any page, and no indexing step.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import { resolveConfig } from '../src/config/resolve.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function buildWith(search: boolean | undefined, root?: string) {
  const dir = root ?? (await mkdtemp(path.join(tmpdir(), 'proofpress-search-off-')));
  if (!root) {
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await mkdir(path.join(dir, 'content'));
    await writeFile(path.join(dir, 'content', 'hello.md'), '---\ntitle: Hello\ndate: 2024-01-01\n---\n\nSome words to find.\n');
  }
  await writeFile(path.join(dir, 'proofpress.config.json'), JSON.stringify({ site: { title: 'T', baseUrl: 'https://example.org/', ...(search === undefined ? {} : { search }) } }));
  const steps: string[] = [];
  const config = resolveConfig(dir, { useCache: true, cacheKeyFile: path.join(dir, 'test-cache.key') });
  await build(config, { reporter: { step: (name: string) => steps.push(name), example: () => {}, info: () => {}, warning: () => {} } });
  const pages = (await readdir(config.outDir, { recursive: true })).filter((file) => file.endsWith('.html') && !file.startsWith('pagefind'));
  const html = await Promise.all(pages.map((page) => readFile(path.join(config.outDir, page), 'utf8')));
  return { dir, outDir: config.outDir, steps: steps.join('\n'), html };
}

describe('site.search', () => {
  test('on by default: every page loads the search UI, and the index is written', async () => {
    const { outDir, steps, html } = await buildWith(undefined);
    expect(existsSync(path.join(outDir, 'pagefind', 'pagefind-entry.json'))).toBe(true);
    expect(steps).toMatch(/Indexed 1 page\(s\) for search/);
    for (const page of html) expect(page).toContain('id="search"');
  });

  test('false: no index, no search box or Pagefind file on any page, and an index published before is removed', async () => {
    const first = await buildWith(true);
    const { outDir, steps, html } = await buildWith(false, first.dir);
    expect(existsSync(path.join(outDir, 'pagefind'))).toBe(false);
    expect(steps).not.toMatch(/Indexed/);
    expect(html.length).toBeGreaterThan(3);
    for (const page of html) {
      expect(page).not.toMatch(/\/pagefind\/|id="search"|PagefindUI/);
      expect(page).not.toContain('try the search above');
    }
  });
});
