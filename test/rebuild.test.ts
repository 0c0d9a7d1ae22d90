// Rebuilds that redo nothing: an unchanged site is rendered from the render cache and rewrites no file; one edited
// post re-renders its own page, its neighbours' and the lists that show it, and the result is what a cold build makes.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import { type ResolvedConfig, resolveConfig } from '../src/config/resolve.ts';
import { RENDER_CACHE_DIR } from '../src/render/cache/render-store.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

// Three posts with code that is shown, not run (no Python needed), two sharing a tag.
const POSTS: Record<string, string> = {
  'first.md': '---\ntitle: First\ndate: 2024-01-01\ntags: [python]\n---\n\nThe first post.\n\n```python\nprint("one")\n```\n',
  'second.md': '---\ntitle: Second\ndate: 2024-02-01\ntags: [python, shell]\n---\n\nThe second post.\n\n```bash\necho two\n```\n\n```python\nx = 2\n```\n',
  'third.md': '---\ntitle: Third\ndate: 2024-03-01\ntags: [shell]\n---\n\nThe third post.\n\n```ts\nconst three: number = 3;\n```\n',
};

/** A project of POSTS, with the cache on and a key of its own; `run()` builds it and says what each step reported. */
async function project() {
  const root = await mkdtemp(path.join(tmpdir(), 'proofpress-rebuild-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  await mkdir(path.join(root, 'content'));
  for (const [name, text] of Object.entries(POSTS)) await writeFile(path.join(root, 'content', name), text);
  const config = resolveConfig(root, { useCache: true, cacheKeyFile: path.join(root, 'test-cache.key') });
  return {
    config,
    run: async (overrides: Partial<ResolvedConfig> = {}) => {
      const steps: string[] = [];
      const reporter = { step: (name: string) => steps.push(name), example: () => {}, info: () => {}, warning: () => {} };
      await build({ ...config, ...overrides }, { reporter });
      return { steps: steps.join('\n') };
    },
  };
}

/** Every file of the site folder with its bytes, pagefind's content-named files left out. */
async function siteFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.relative(dir, path.join(entry.parentPath, entry.name));
    if (entry.isFile() && !file.startsWith(`pagefind${path.sep}`)) files.set(file, await readFile(path.join(dir, file), 'utf8'));
  }
  return files;
}

describe('rebuilds', () => {
  test('an unchanged site renders, highlights and writes nothing, and keeps its search index', async () => {
    const { config, run } = await project();
    const cold = await run();
    expect(cold.steps).toMatch(/[1-9]\d* rendered, 0 from the render cache; 4 blocks highlighted, 0 cached/);
    const entry = path.join(config.outDir, 'pagefind', 'pagefind-entry.json');
    const before = { site: await siteFiles(config.outDir), index: await stat(path.join(config.outDir, 'index.html')), entry: await stat(entry) };

    const warm = await run();

    expect(warm.steps).toMatch(/; 0 rendered, \d+ from the render cache\)/);
    expect(warm.steps).toMatch(/\(0 written, \d+ unchanged\)/);
    expect(await siteFiles(config.outDir)).toEqual(before.site);
    // Not rewritten: the same inode, so the same modification time for rsync and deploy tools.
    expect((await stat(path.join(config.outDir, 'index.html'))).ino).toBe(before.index.ino);
    expect((await stat(entry)).ino).toBe(before.entry.ino);
  });

  test('an edited post re-renders its page, its neighbours and its lists, highlights only its new block, and matches a cold build', async () => {
    const { config, run } = await project();
    await run();
    await writeFile(path.join(config.contentDir, 'third.md'), POSTS['third.md']!.replace('const three: number = 3;', 'const three = 3 as const;'));

    const edited = await run();

    // Third's page, Second's (its neighbour), the home page, the shell tag page, the report, the 404 page's list and the three feeds.
    expect(edited.steps).toMatch(/; 9 rendered, \d+ from the render cache; 1 blocks highlighted, 3 cached\)/);
    const warm = await siteFiles(config.outDir);
    await run({ useCache: false });
    const cold = await siteFiles(config.outDir);
    expect([...warm.keys()].sort()).toEqual([...cold.keys()].sort());
    for (const [file, text] of cold) expect(warm.get(file), file).toBe(text);
  });

  test('a page in the render cache that was edited there is rendered again, not published', async () => {
    const { config, run } = await project();
    await run();
    const renderDir = path.join(config.cacheDir, RENDER_CACHE_DIR);
    let forged = 0;
    for (const entry of await readdir(renderDir, { recursive: true, withFileTypes: true })) {
      const file = path.join(entry.parentPath, entry.name);
      if (!entry.isFile()) continue;
      const text = await readFile(file, 'utf8');
      if (!text.includes('<h1>Third</h1>')) continue;
      await writeFile(file, text.replace('<h1>Third</h1>', '<h1>Fakes</h1>')); // the same length: only its signature tells
      forged += 1;
    }
    expect(forged).toBe(1);

    const rebuilt = await run();

    expect(rebuilt.steps).toMatch(/; 1 rendered, \d+ from the render cache/);
    expect(await readFile(path.join(config.outDir, '2024', '03', '01', 'third', 'index.html'), 'utf8')).toContain('<h1>Third</h1>');
  });
});
