// The verification cache across real builds, cache on: a warm build reuses every passed example at its current
// line and label; anything a result depends on, and any entry proofpress did not write under that key, re-runs it.
//
// The builds run proofpress from a snapshot of src/ taken when the file starts: the runtime fingerprint covers
// every file under src/runners/ and the sources under src/verify/ and src/examples/, so the test can change one there without touching the checkout, and edits made
// to the checkout meanwhile cannot turn a hit into a miss. The interpreter is a venv of the test's own, so
// packages can come and go. The cache's signing key is the test's own (PROOFPRESS_CACHE_KEY_FILE's override).
import { createHash } from 'node:crypto';
import { appendFile, copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveConfig } from '../src/config/resolve.ts';
import { probePython } from '../src/runners/python-runtime.ts';
import type { Verification } from '../src/verify/types.ts';
import { fixturePath, projectPython, REPO_ROOT } from './helpers/project.ts';

type Build = typeof import('../src/build.ts').build;

const POST = path.join('content', 'warm-build.md');
const SCRIPT = 'python block 1 (run=script)';
const SERVER = 'hello.py (run=http)';
// A distribution the venv has from the start, so that removing one can be tested too.
const PRESENT_PACKAGE = 'present_pkg-1.0.dist-info';

let scratch: string;
let snapshot: string;
/** This machine's cache key, as far as these builds know. */
let keyFile: string;
let build: Build;
let python: string;
let sitePackages: string;
/** The cache folder a cold build left, copied into every project. */
let warmCache: string;
/** What the cold build recorded, by label. */
let cold: Map<string, Verification>;

/** A copy of the fixture site holding the cache a cold build left. */
interface Project {
  root: string;
  cacheDir: string;
  post: string;
  /** Build it (in memory, cache on): the runnable examples' verifications, by label. */
  build(): Promise<Map<string, Verification>>;
}

async function project(name: string, cache?: string, cacheKeyFile = keyFile): Promise<Project> {
  const root = path.join(scratch, name);
  await cp(fixturePath('sites', 'warm-cache'), root, { recursive: true });
  const config = () => resolveConfig(root, { pythonOverride: python, useCache: true, cacheKeyFile });
  if (cache) await cp(cache, config().cacheDir, { recursive: true });
  return {
    root,
    cacheDir: config().cacheDir,
    post: path.join(root, POST),
    build: async () => {
      const { verifications } = await build(config(), { write: false });
      return new Map(verifications.filter((verification) => verification.status !== 'skipped').map((verification) => [verification.label, verification]));
    },
  };
}

/** The cache file holding `label`'s entry (as the cold build named it). */
async function entryFile(project: Project, label: string): Promise<string> {
  for (const name of await readdir(project.cacheDir)) {
    if (!name.endsWith('.json')) continue; // render/: the render cache's folder
    const file = path.join(project.cacheDir, name);
    if ((JSON.parse(await readFile(file, 'utf8')) as { verification?: Verification }).verification?.label === label) return file;
  }
  throw new Error(`no cache entry for ${label} in ${project.cacheDir}`);
}

/** Taken from the cache: the cold build's very record, not a new run. */
function expectReused(verification: Verification | undefined, label: string): void {
  expect(verification, `${label} should be reused`).toMatchObject({ status: 'passed', cached: true, record: cold.get(label)!.record });
}

/** Run again (a record of its own) and passed. */
function expectRerun(verification: Verification | undefined, label: string): void {
  expect(verification, `${label} should run again`).toMatchObject({ status: 'passed', cached: false });
  expect(verification!.record!.startedAt).not.toBe(cold.get(label)!.record!.startedAt);
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'proofpress-cache-test-'));
  snapshot = path.join(scratch, 'proofpress');
  keyFile = path.join(scratch, 'keys', 'cache.key');
  await cp(path.join(REPO_ROOT, 'src'), path.join(snapshot, 'src'), { recursive: true, filter: (source) => !source.includes('__pycache__') });
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(snapshot, 'node_modules'));
  build = ((await import(pathToFileURL(path.join(snapshot, 'src', 'build.ts')).href)) as typeof import('../src/build.ts')).build;

  const venv = path.join(scratch, 'venv');
  await execa((await projectPython()).executable, ['-m', 'venv', '--without-pip', venv]);
  const runtime = await probePython(path.join(venv, 'bin', 'python'));
  if (!runtime) throw new Error(`the venv at ${venv} does not run`);
  ({ executable: python, sitePackages } = runtime);
  await mkdir(path.join(sitePackages, PRESENT_PACKAGE));

  const first = await project('cold');
  cold = await first.build();
  warmCache = first.cacheDir;
  expect([...cold.keys()]).toEqual([SCRIPT, SERVER]);
  for (const verification of cold.values()) expect(verification).toMatchObject({ status: 'passed', cached: false });
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('verify/cache across builds', () => {
  test('reuses every runnable example on a second build, with the record of the first', async () => {
    const warm = await (await project('second', warmCache)).build();

    expectReused(warm.get(SCRIPT), SCRIPT);
    expectReused(warm.get(SERVER), SERVER);
  });

  test('reuses an example that moved down, under its current line, label and id', async () => {
    const moved = await project('moved', warmCache);
    const text = await readFile(moved.post, 'utf8');
    // Six new lines above both examples, one of them a block that does not run (so the unnamed block is now the second).
    await writeFile(moved.post, text.replace('A script with no file name', 'A new first paragraph.\n\n```console\n$ python3\n```\n\nA script with no file name'));
    const warm = await moved.build();

    const script = warm.get('python block 2 (run=script)');
    expectReused(script, SCRIPT);
    expect(script).toMatchObject({ line: cold.get(SCRIPT)!.line + 6, exampleId: 'warm-build/02-block-python', source: 'content/warm-build.md' });
    expectReused(warm.get(SERVER), SERVER);
    expect(warm.get(SERVER)).toMatchObject({ line: cold.get(SERVER)!.line + 6, exampleId: 'warm-build/03-hello-py' });
  });

  // What a result depends on beyond the example's own text: each change re-runs every example of the post.
  test.each<[string, (project: Project) => Promise<() => Promise<void>>]>([
    ['a runner source file changes', () => changeFile(path.join(snapshot, 'src', 'runners', 'script.ts'), '\n// changed by test/cache.test.ts\n')],
    ['the checks of what "passed" means (src/verify/expect.ts) change', () => changeFile(path.join(snapshot, 'src', 'verify', 'expect.ts'), '\n// changed by test/cache.test.ts\n')],
    ['how examples are read from a post (src/examples/fence-info.ts) changes', () => changeFile(path.join(snapshot, 'src', 'examples', 'fence-info.ts'), '\n// changed by test/cache.test.ts\n')],
    ['the port shim (sitecustomize.py) changes', () => changeFile(path.join(snapshot, 'src', 'runners', 'python', 'site', 'sitecustomize.py'), '\n# changed by test/cache.test.ts\n')],
    ['a package is installed in the interpreter', async () => {
      const added = path.join(sitePackages, 'added_pkg-2.0.dist-info');
      await mkdir(added);
      return () => rm(added, { recursive: true });
    }],
    ['a package is removed from the interpreter', async () => {
      await rm(path.join(sitePackages, PRESENT_PACKAGE), { recursive: true });
      return () => mkdir(path.join(sitePackages, PRESENT_PACKAGE)).then(() => undefined);
    }],
    ["the config's exampleTimeoutMs changes", async (changed) => {
      await writeFile(path.join(changed.root, 'proofpress.config.json'), JSON.stringify({ exampleTimeoutMs: 20_000 }));
      return async () => {};
    }],
    ["the post's limits: change", async (changed) => {
      await writeFile(changed.post, (await readFile(changed.post, 'utf8')).replace('tags: [Testing]\n', 'tags: [Testing]\nlimits:\n  memoryMiB: 1024\n'));
      return async () => {};
    }],
  ])('runs every example again when %s', async (_name, change) => {
    const changed = await project(`changed-${Math.random().toString(36).slice(2)}`, warmCache);
    const restore = await change(changed);
    try {
      const rebuilt = await changed.build();

      expectRerun(rebuilt.get(SCRIPT), SCRIPT);
      expectRerun(rebuilt.get(SERVER), SERVER);
    } finally {
      await restore();
    }
  });

  // An entry is trusted only as proofpress wrote it, under its own key; the other example's entry still counts.
  test.each<[string, (server: string, script: string) => Promise<void>]>([
    ['a hand-written {"status":"passed"}', (server) => writeFile(server, '{"status":"passed"}')],
    ['a truncated entry', async (server) => truncate(server, Math.floor((await readFile(server)).length / 2))],
    ["an entry copied from another example's key", (server, script) => copyFile(script, server)],
    ['an entry whose recorded response was edited', async (server) => {
      const text = await readFile(server, 'utf8');
      expect(text).toContain('Hello, cache!');
      await writeFile(server, text.replaceAll('Hello, cache!', 'Hello, forger!'));
    }],
    ['an edited entry whose checksum was recomputed (sha256 of key and content, as format 2 had it)', async (server) => {
      const entry = JSON.parse(await readFile(server, 'utf8')) as { key: string; format: number; checksum: string; verification: Verification };
      entry.verification.record!.http!.body = 'Hello, forger!\n';
      entry.checksum = createHash('sha256').update(entry.key).update(JSON.stringify(entry.verification)).digest('hex');
      await writeFile(server, JSON.stringify(entry));
    }],
  ])('runs the example again instead of trusting %s', async (_name, tamper) => {
    const tampered = await project(`tampered-${Math.random().toString(36).slice(2)}`, warmCache);
    await tamper(await entryFile(tampered, SERVER), await entryFile(tampered, SCRIPT));
    const rebuilt = await tampered.build();

    expectRerun(rebuilt.get(SERVER), SERVER);
    expect(rebuilt.get(SERVER)?.record?.http?.body).toBe('Hello, cache!\n');
    expectReused(rebuilt.get(SCRIPT), SCRIPT);
  });
});

describe('verify/cache signing', () => {
  test('runs every example again when the cache was written on another machine (another key)', async () => {
    const restored = await project('restored', warmCache, path.join(scratch, 'other-machine', 'cache.key'));
    const rebuilt = await restored.build();

    expectRerun(rebuilt.get(SCRIPT), SCRIPT);
    expectRerun(rebuilt.get(SERVER), SERVER);
  });
});

/** Append `text` to `file`; the returned function puts the file back as it was. */
async function changeFile(file: string, text: string): Promise<() => Promise<void>> {
  const original = await readFile(file);
  await appendFile(file, text);
  return () => writeFile(file, original);
}
