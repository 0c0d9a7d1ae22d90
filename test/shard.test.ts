// `check --shard i/n` as CI runs it: each job verifies a disjoint, balanced part of the site's examples, and a final
// `build` with every job's .proofpress-cache/ gathered runs none of them. Each job is a copy of the project of its own
// (a separate machine), run at the same time as the other; the jobs share only the cache key, as CI jobs share it
// through a secret (PROOFPRESS_CACHE_KEY_FILE).
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Verification } from '../src/verify/types.ts';
import { fixturePath, REPO_ROOT } from './helpers/project.ts';

const VENV_PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(REPO_ROOT, 'src', 'cli.ts');
const CACHE = '.proofpress-cache';
// Every example of the fixture that runs; its shown-only console block belongs to no shard.
const RUNNABLE = [
  'arithmetic/01-add-py',
  'arithmetic/02-multiply-py',
  'arithmetic/03-power-py',
  'server/01-hello-py',
  'strings/01-upper-py',
  'strings/02-join-py',
];

let scratch: string;
let keyFile: string;
/** The two shard jobs, in order: what each printed, and the examples whose passes it cached. */
let shards: { result: Awaited<ReturnType<typeof proofpress>>; cachedIds: string[]; root: string }[];

/** A fresh copy of the fixture, as a CI job checks it out. */
async function checkout(name: string): Promise<string> {
  const root = path.join(scratch, name);
  await cp(fixturePath('sites', 'shard'), root, { recursive: true });
  return root;
}

/** Run the CLI in `root` like a CI job, with the jobs' shared key. */
function proofpress(root: string, args: string[]) {
  return execa(TSX, [CLI, ...args, '--root', root], { reject: false, env: { PROOFPRESS_PYTHON: VENV_PYTHON, PROOFPRESS_CACHE_KEY_FILE: keyFile, NO_COLOR: '1' } });
}

/** The example ids of the entries in a project's cache (one file per entry). */
async function cachedIds(root: string): Promise<string[]> {
  const files = (await readdir(path.join(root, CACHE))).filter((file) => file.endsWith('.json'));
  const entries = await Promise.all(files.map(async (file) => JSON.parse(await readFile(path.join(root, CACHE, file), 'utf8')) as { verification: Verification }));
  return entries.map((entry) => entry.verification.exampleId).sort();
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'proofpress-shard-test-'));
  keyFile = path.join(scratch, 'secret', 'cache.key'); // made by whichever job needs it first
  shards = await Promise.all(
    [1, 2].map(async (index) => {
      const root = await checkout(`shard-${index}`);
      const result = await proofpress(root, ['check', '--shard', `${index}/2`]);
      return { result, cachedIds: await cachedIds(root), root };
    }),
  );
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('check --shard', () => {
  test('each shard verifies half of the runnable examples, and together they verify each one exactly once', () => {
    for (const [index, shard] of shards.entries()) {
      expect(shard.result.exitCode, shard.result.stderr).toBe(0);
      expect(shard.result.stderr).toContain(`Verified 3 examples of shard ${index + 1}/2 (of 7)`);
      expect(shard.result.stderr).toMatch(/Examples: 3 passed, 0 failed, 4 not run, 0 cached/);
    }
    const [first, second] = shards.map((shard) => shard.cachedIds);
    expect(first).toHaveLength(3);
    expect(second).toHaveLength(3);
    expect(first!.filter((id) => second!.includes(id))).toEqual([]);
    expect([...first!, ...second!].sort()).toEqual(RUNNABLE);
  });

  test('a shard is the same on every run (no job needs to ask another)', async () => {
    const again = await checkout('shard-1-again');
    const result = await proofpress(again, ['check', '--shard', '1/2']);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(await cachedIds(again)).toEqual(shards[0]!.cachedIds);
  });

  test("a build with every shard's cache gathered runs no example", async () => {
    const root = await checkout('final');
    // As download-artifact with merge-multiple does: every job's entries into one folder (one file per entry).
    await mkdir(path.join(root, CACHE));
    for (const shard of shards) await cp(path.join(shard.root, CACHE), path.join(root, CACHE), { recursive: true });
    const result = await proofpress(root, ['build']);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Examples: 6 passed, 0 failed, 1 not run, 6 cached/);
    const published = JSON.parse(await readFile(path.join(root, 'site', 'verification.json'), 'utf8')) as Verification[];
    expect(published.filter((verification) => verification.status === 'passed').map(({ exampleId, cached }) => ({ exampleId, cached })).sort((a, b) => a.exampleId.localeCompare(b.exampleId))).toEqual(
      RUNNABLE.map((exampleId) => ({ exampleId, cached: true })),
    );
  });

  test('refuses a shard that does not exist, saying what a shard looks like', async () => {
    const result = await proofpress(scratch, ['check', '--shard', '3/2']);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatchInlineSnapshot(`
      "✗ --shard 3/2: there is no shard 3 of 2 (shards count from 1 to 2)
        Hint: Give i/n with 1 ≤ i ≤ n, one per CI job: --shard 1/4, 2/4, 3/4 and 4/4 together verify every example."
    `);
  });

  test('refuses build --shard, since a shard cannot write a whole site', async () => {
    const result = await proofpress(await checkout('build-shard'), ['build', '--shard', '1/2']);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('✗ --shard 1/2 verifies part of the site, so it cannot write one');
    expect(result.stderr).toContain('Hint: Run `proofpress check --shard i/n` in each CI job, then `proofpress build` once');
  });

  test('refuses --shard with --filter', async () => {
    const result = await proofpress(scratch, ['check', '--shard', '1/2', '--filter', 'strings']);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("error: option '--shard <i/n>' cannot be used with option '--filter <post>'");
  });
});
