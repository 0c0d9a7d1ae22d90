// A build that finds nothing changed since the last one stops early (as `tsc -b` or make would); anything that could
// change the site or a verdict (a post, the config, a file in site/, a post whose date has come, a failed example,
// a tampered record) makes it a full build again.
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../src/build.ts';
import type { ResolvedConfig } from '../src/config/resolve.ts';
import { buildRecordFile } from '../src/site/up-to-date.ts';
import { tempSite } from './helpers/project.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The dev fixture (two Python examples that pass) in a temp folder, with the cache on and a key of its own. */
async function site() {
  const made = await tempSite('dev');
  cleanups.push(made.cleanup);
  const config: ResolvedConfig = { ...made.config, useCache: true, cacheKeyFile: path.join(made.root, 'test-cache.key') };
  return {
    config,
    post: path.join(made.root, 'content', 'greeting.md'),
    run: async (overrides: Partial<ResolvedConfig> = {}): Promise<BuildResult & { steps: string }> => {
      const steps: string[] = [];
      const reporter = { step: (name: string) => steps.push(name), example: () => {}, info: () => {}, warning: () => {} };
      const result = await build({ ...config, ...overrides }, { reporter, skipIfUpToDate: true });
      return { ...result, steps: steps.join('\n') };
    },
  };
}

const statuses = (result: BuildResult) => result.verifications.map((verification) => `${verification.status}${verification.cached ? ' (cached)' : ''}`);

describe('up-to-date builds', () => {
  test('a build with nothing changed stops early: site/ and snippets/ untouched, the verdicts are the last build\'s as cache hits', async () => {
    const { config, run } = await site();
    const first = await run();
    expect(first.upToDate).toBeUndefined();
    expect(statuses(first)).toEqual(['passed', 'passed']);
    const before = [await stat(config.outDir), await stat(path.join(config.outDir, 'index.html')), await stat(config.snippetsDir)];

    const again = await run();

    expect(again.upToDate).toBe(true);
    expect(again.steps).toMatch(/^Up to date: /m);
    expect(again.steps).not.toMatch(/Rendered|Wrote|Verified/);
    expect(statuses(again)).toEqual(['passed (cached)', 'passed (cached)']);
    const after = [await stat(config.outDir), await stat(path.join(config.outDir, 'index.html')), await stat(config.snippetsDir)];
    expect(after.map((stats) => [stats.ino, stats.mtimeMs])).toEqual(before.map((stats) => [stats.ino, stats.mtimeMs]));
  }, 60_000);

  test('an edited post, a changed config or a file changed in site/ makes a full build', async () => {
    const { config, post, run } = await site();
    await run();

    await writeFile(post, (await readFile(post, 'utf8')).replace('This sentence is the one', 'This edited sentence is the one'));
    const edited = await run();
    expect(edited.upToDate).toBeUndefined();
    const [page] = edited.files.filter((file) => file.path.endsWith('/index.html') && String(file.content).includes('This edited sentence'));
    expect(page).toBeDefined();
    expect((await run()).upToDate).toBe(true);

    expect((await run({ site: { ...config.site, title: 'Another title' } })).upToDate).toBeUndefined();
    expect((await run({ site: { ...config.site, title: 'Another title' } })).upToDate).toBe(true);

    const home = path.join(config.outDir, 'index.html');
    const published = await readFile(home, 'utf8');
    await writeFile(home, 'edited by hand');
    expect((await run({ site: { ...config.site, title: 'Another title' } })).upToDate).toBeUndefined();
    expect(await readFile(home, 'utf8')).toBe(published);

    await rm(path.join(config.snippetsDir, 'package.json'));
    expect((await run({ site: { ...config.site, title: 'Another title' } })).upToDate).toBeUndefined();
  }, 120_000);

  test('a future-dated post makes the site out of date once its date has come', async () => {
    const { config, run } = await site();
    const soon = new Date(Date.now() + 3_000);
    await writeFile(path.join(config.contentDir, 'scheduled.md'), `---\ntitle: Scheduled\ndate: ${soon.toISOString()}\n---\n\nPublished later.\n`);
    const first = await run();
    expect(first.posts.map((built) => built.parsed.post.slug)).not.toContain('scheduled');
    expect((await run()).upToDate).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, soon.getTime() - Date.now()) + 200));
    const later = await run();
    expect(later.upToDate).toBeUndefined();
    expect(later.posts.map((built) => built.parsed.post.slug)).toContain('scheduled');
  }, 60_000);

  test('a failed example runs again on every build, and a tampered record is not trusted', async () => {
    const { config, post, run } = await site();
    await writeFile(post, (await readFile(post, 'utf8')).replace('expect="3"', 'expect="4"'));
    const failing = { onExampleFailure: 'warn' as const };
    expect(statuses(await run(failing))).toEqual(['passed', 'failed']);
    const again = await run(failing);
    expect(again.upToDate).toBeUndefined();
    expect(statuses(again)).toEqual(['passed (cached)', 'failed']);

    await writeFile(post, (await readFile(post, 'utf8')).replace('expect="4"', 'expect="3"'));
    await run(failing);
    const record = buildRecordFile(config);
    const text = await readFile(record, 'utf8');
    await writeFile(record, text.replace(/"validUntil":(null|\d+)/, '"validUntil":null,"x":1'));
    expect((await run(failing)).upToDate).toBeUndefined();
    expect((await run(failing)).upToDate).toBe(true);
  }, 120_000);

  test('without the cache every build is a full one', async () => {
    const { run } = await site();
    await run({ useCache: false });
    expect((await run({ useCache: false })).upToDate).toBeUndefined();
  }, 60_000);
});
