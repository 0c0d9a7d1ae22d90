// `build --filter <post>`: only that post's examples run; every page still renders, the others' examples cached or not run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import { ConfigError } from '../src/errors.ts';
import type { Verification } from '../src/verify/types.ts';
import { REPO_ROOT, tempSite } from './helpers/project.ts';

const VENV_PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
let site: Awaited<ReturnType<typeof tempSite>>;
let keyDir: string;

beforeAll(async () => {
  keyDir = await mkdtemp(path.join(tmpdir(), 'pp-filter-key-'));
  site = await tempSite('filter', { useCache: true, cacheKeyFile: path.join(keyDir, 'cache.key'), pythonOverride: VENV_PYTHON });
});
afterAll(async () => {
  await site.cleanup();
  await rm(keyDir, { recursive: true, force: true });
});

const byFile = (verifications: Verification[]) => (file: string) => verifications.find((v) => v.label.startsWith(file));

describe('build --filter', () => {
  test("runs only the named post's examples and still renders every page, the others' marked not run", async () => {
    const result = await build(site.config, { write: false, filter: 'first' });
    const find = byFile(result.verifications);
    expect(find('first.py')).toMatchObject({ status: 'passed', cached: false });
    expect(find('second.py')).toMatchObject({ status: 'skipped', reason: 'not run: this build ran only the examples of --filter first' });
    // A block that never runs keeps its own reason.
    expect(result.verifications.find((v) => v.label.startsWith('console'))?.reason).toBe('the block has no run= attribute');
    const pages = result.files.map((file) => file.path);
    expect(pages.some((page) => page.endsWith('/first/index.html'))).toBe(true);
    expect(pages.some((page) => page.endsWith('/second/index.html'))).toBe(true);
  });

  test("reuses another post's cached pass, as a full warm build would", async () => {
    await build(site.config, { write: false }); // a full build: both examples run and are cached
    const result = await build(site.config, { write: false, filter: 'content/first.md' });
    expect(byFile(result.verifications)('second.py')).toMatchObject({ status: 'passed', cached: true });
  });

  test('takes the post by slug, by file name or by path', async () => {
    for (const filter of ['second', 'content/second.md', path.join(site.root, 'content', 'second.md')]) {
      const result = await build(site.config, { write: false, filter });
      expect(byFile(result.verifications)('second.py')?.status, filter).toBe('passed');
    }
  });

  test('names the filter that matches no post, with the posts there are', async () => {
    const failure = build(site.config, { write: false, filter: 'thrid' });
    await expect(failure).rejects.toThrow(ConfigError);
    await expect(failure).rejects.toMatchObject({
      message: '--filter thrid names no post',
      hint: "Give a post's slug or its file (content/second.md); posts include second, first. Drafts and future-dated posts are only found with --drafts.",
    });
  });
});
