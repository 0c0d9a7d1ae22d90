// Builds that stop part-way (SIGKILLed, failing) or overlap: snippets/ and site/ are each the old set or the new
// set, never mixed; nothing is left behind (processes, sandboxes, staging folders); one build of a folder at a time.
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import { BuildLockError, ExamplesFailedError } from '../src/errors.ts';
import { LOCK_NAME } from '../src/util/build-lock.ts';
import { pidsMatching, stillRunning } from './helpers/processes.ts';
import { fixturePath, REPO_ROOT, tempSite } from './helpers/project.ts';

const VENV_PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(REPO_ROOT, 'src', 'cli.ts');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempRoot(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'proofpress-interrupted-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  return root;
}

/** A post whose one example sleeps `seconds`, so that builds spend a while with sandboxes running. */
function slowPost(options: { title: string; seconds: number }): string {
  return [
    '---',
    `title: ${options.title}`,
    'date: 2024-03-01',
    '---',
    '',
    `This post is ${options.title}.`,
    '',
    '```python file=slow.py run=script',
    'import time',
    `time.sleep(${options.seconds})`,
    'print("done")',
    '```',
    '',
    '```output',
    'done',
    '```',
    '',
  ].join('\n');
}

/** A post with one quick example, present in content variant B only. */
const EXTRA_POST = ['---', 'title: Extra', 'date: 2024-04-01', '---', '', '```python file=extra.py run=script', 'print(6 * 7)', '```', '', '```output', '42', '```', ''].join('\n');

type Variant = 'A' | 'B';

/** Two versions of the content: B changes the slow post's text and adds a post (with a snippet) that A lacks. */
async function setVariant(project: string, variant: Variant, slowSeconds: number): Promise<void> {
  await writeFile(path.join(project, 'content', 'slow.md'), slowPost({ title: `variant ${variant}`, seconds: slowSeconds }));
  if (variant === 'B') await writeFile(path.join(project, 'content', 'extra.md'), EXTRA_POST);
  else await rm(path.join(project, 'content', 'extra.md'), { force: true });
}

/** A copy of the blog fixture at `dir`. */
async function blogProject(dir: string): Promise<string> {
  await cp(fixturePath('sites', 'blog'), dir, { recursive: true });
  return dir;
}

interface Line {
  at: number;
  text: string;
}

/** A CLI build in its own process group (tsx and the Node process it starts), with its stderr lines timed. */
function startBuild(project: string, sandboxes: string) {
  const started = Date.now();
  const child = execa(TSX, [CLI, 'build', '--root', project, '--no-cache'], {
    reject: false,
    detached: true,
    env: { PROOFPRESS_PYTHON: VENV_PYTHON, NO_COLOR: '1', TMPDIR: sandboxes },
  });
  const lines: Line[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const text of chunk.toString().split('\n').filter(Boolean)) lines.push({ at: Date.now(), text });
  });
  const exited = child.then((result) => ({ at: Date.now(), result }));
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // ESRCH: the build already ended.
    }
  };
  cleanups.push(async () => {
    killGroup();
    await exited;
  });
  const waitForLine = async (text: string): Promise<Line | undefined> => {
    for (;;) {
      const line = lines.find((candidate) => candidate.text.includes(text));
      if (line) return line;
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return { pid: child.pid!, started, lines, exited, killGroup, waitForLine };
}

/** Every file under `dir` with the sha256 of its bytes, or 'absent'. */
async function manifest(dir: string): Promise<Map<string, string> | 'absent'> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return 'absent';
  }
  const files = new Map<string, string>();
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), createHash('sha256').update(await readFile(file)).digest('hex'));
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * A site's files with what differs between two builds of the same content made equal: when examples ran
 * (timestamps, milliseconds) and Pagefind's content-hashed index files (whose names and bytes follow them).
 */
async function normalisedSite(dir: string): Promise<string> {
  const files = await manifest(dir);
  if (files === 'absent') return 'absent';
  const out: string[] = [];
  for (const file of files.keys()) {
    if (file.startsWith(`pagefind${path.sep}`)) {
      // Names are content hashes of varying length: keep only the folder and the kind of file.
      out.push(`${path.dirname(file)}/*${path.extname(file)} *`);
      continue;
    }
    const text = (await readFile(path.join(dir, file), 'utf8'))
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, 'TIME')
      .replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/g, 'TIME')
      .replace(/\b\d+ ms\b/g, 'N ms')
      .replace(/"durationMs": ?\d+/g, '"durationMs": N');
    out.push(`${file} ${createHash('sha256').update(text).digest('hex')}`);
  }
  return out.sort().join('\n');
}

/** A folder's exact content (paths and bytes) as one comparable string, or 'absent'. */
async function exact(dir: string): Promise<string> {
  const files = await manifest(dir);
  return files === 'absent' ? 'absent' : [...files].map(([file, hash]) => `${file} ${hash}`).join('\n');
}

/** Names of what a build may leave beside the output folders or in the temp folder. */
const leftovers = {
  sandboxes: async (sandboxes: string) => (await readdir(sandboxes)).filter((name) => /^proofpress-\d+-/.test(name)),
  beside: async (project: string) => (await readdir(project)).filter((name) => /^\.(site|snippets)-(staging|previous)-/.test(name) || name.startsWith(LOCK_NAME)),
};

/**
 * Pids of processes still running in or naming one of the build's sandboxes, once SIGKILL has had time to land
 * (bubblewrap's --die-with-parent acts asynchronously) and a process forked just before the kill has had time to exec.
 */
async function survivors(sandboxes: string): Promise<number[]> {
  const needle = path.join(sandboxes, 'proofpress-');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const deadline = Date.now() + 3_000;
  let found = pidsMatching(needle);
  while (found.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    found = pidsMatching(needle);
  }
  return found;
}

/** After the test, end what this test's builds left running (only processes in its own sandboxes), so a failure does not linger. */
function endSurvivorsAfterwards(sandboxes: string): void {
  cleanups.push(async () => {
    for (const pid of pidsMatching(path.join(sandboxes, 'proofpress-'))) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Ended meanwhile.
      }
    }
  });
}

describe('interrupted builds', () => {
  test(
    'a build SIGKILLed at 20 moments leaves no process running, and site/ and snippets/ each old or new; the next build leaves nothing behind',
    async () => {
      const root = await tempRoot();
      const sandboxes = path.join(root, 'tmp');
      await mkdir(sandboxes);
      endSurvivorsAfterwards(sandboxes);
      const slowSeconds = 1;

      // Reference builds of both variants, in a sibling folder (same depth, so snippets' relative paths match):
      // what a complete build of each makes, how long a build takes, and how long its writing phase lasts.
      const reference = await blogProject(path.join(root, 'reference'));
      const expected = {} as Record<Variant, { site: string; snippets: string }>;
      let duration = 0;
      let writePhase = 0;
      for (const variant of ['A', 'B'] as const) {
        await setVariant(reference, variant, slowSeconds);
        const run = startBuild(reference, sandboxes);
        const { at, result } = await run.exited;
        expect(result.exitCode, result.stderr).toBe(0);
        duration = Math.max(duration, at - run.started);
        writePhase = Math.max(writePhase, at - run.lines.find((line) => line.text.includes('Checked internal links'))!.at);
        expected[variant] = { site: await normalisedSite(path.join(reference, 'site')), snippets: await exact(path.join(reference, 'snippets')) };
      }
      expect(expected.A.snippets).not.toBe(expected.B.snippets);

      const project = await blogProject(path.join(root, 'project'));
      const site = path.join(project, 'site');
      const snippets = path.join(project, 'snippets');
      // 14 moments spread evenly over a whole build (one at random in each fourteenth), and 6 at random in its
      // writing phase (staging, indexing, the swaps), which is short but where a kill could mix old and new.
      const moments = [
        ...Array.from({ length: 14 }, (_, i) => ({ after: 'start', ms: ((i + Math.random()) / 14) * duration })),
        ...Array.from({ length: 6 }, () => ({ after: 'Checked internal links', ms: Math.random() * writePhase })),
      ];
      const published = { site: false, snippets: false };
      let killedWithSandboxes = 0;
      for (const [index, moment] of moments.entries()) {
        const variant: Variant = index % 2 === 0 ? 'A' : 'B';
        await setVariant(project, variant, slowSeconds);
        const before = { site: await exact(site), snippets: await exact(snippets) };
        const run = startBuild(project, sandboxes);
        if (moment.after !== 'start') await run.waitForLine(moment.after);
        await new Promise((resolve) => setTimeout(resolve, moment.ms));
        run.killGroup();
        await run.exited;
        const when = `kill ${index + 1} (${moment.after} + ${Math.round(moment.ms)} ms, variant ${variant})`;

        expect(await stillRunning(run.pid), when).toBe(false);
        expect(await survivors(sandboxes), when).toEqual([]);
        const after = { site: await exact(site), snippets: await exact(snippets) };
        const isNew = { site: (await normalisedSite(site)) === expected[variant].site, snippets: after.snippets === expected[variant].snippets };
        // Absent counts as old only until a build has published the folder: after that, a missing folder is a failure.
        expect(after.site === before.site || isNew.site, `${when}: site/ is neither the previous set nor the new one`).toBe(true);
        expect(after.snippets === before.snippets || isNew.snippets, `${when}: snippets/ is neither the previous set nor the new one`).toBe(true);
        for (const folder of ['site', 'snippets'] as const) {
          if (published[folder]) expect(after[folder], `${when}: ${folder}/ went missing`).not.toBe('absent');
          published[folder] ||= after[folder] !== 'absent';
        }
        // A killed build's lock names a dead pid: the next build takes it at once instead of waiting.
        expect(run.lines.filter((line) => line.text.startsWith('Waiting')), when).toEqual([]);
        // Each build sweeps what the previous one left, so count the leftovers now, before the next build.
        if ((await leftovers.sandboxes(sandboxes)).length > 0) killedWithSandboxes += 1;
      }

      // Some kills landed while examples ran, so the sweeps had real sandboxes of dead builds to remove.
      expect(killedWithSandboxes).toBeGreaterThan(0);
      await setVariant(project, 'A', slowSeconds);
      const final = startBuild(project, sandboxes);
      const { result } = await final.exited;
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stderr).not.toContain('Waiting for another build');
      expect(await leftovers.sandboxes(sandboxes)).toEqual([]);
      expect(await leftovers.beside(project)).toEqual([]);
      expect(await survivors(sandboxes)).toEqual([]);
      // As lists, so that a failure names the files that differ.
      expect((await normalisedSite(site)).split('\n')).toEqual(expected.A.site.split('\n'));
      expect((await exact(snippets)).split('\n')).toEqual(expected.A.snippets.split('\n'));
    },
    240_000,
  );

  test('a failed build leaves the previous snippets/ untouched, and no staging folder', async () => {
    const site = await tempSite('failing');
    cleanups.push(site.cleanup);
    const previous = path.join(site.config.snippetsDir, 'broken-hello');
    await mkdir(previous, { recursive: true });
    await writeFile(path.join(previous, '01-app-py.ts'), '// the snippet of the last good build\n');
    await writeFile(path.join(site.config.snippetsDir, 'package.json'), '{"type":"module"}\n');
    const before = await exact(site.config.snippetsDir);

    const error = await build(site.config).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExamplesFailedError);
    expect(await exact(site.config.snippetsDir)).toBe(before);
    expect(await leftovers.beside(site.root)).toEqual([]);
  });

  test("the snippets of a deleted post disappear with the next build, and other posts' stay", async () => {
    const site = await tempSite('blog');
    cleanups.push(site.cleanup);
    await writeFile(path.join(site.root, 'content', 'extra.md'), EXTRA_POST);
    await build(site.config);
    expect((await readdir(site.config.snippetsDir)).sort()).toEqual(['counting', 'extra', 'package.json']);

    await rm(path.join(site.root, 'content', 'extra.md'));
    await build(site.config);

    expect((await readdir(site.config.snippetsDir)).sort()).toEqual(['counting', 'package.json']);
    expect(await readdir(path.join(site.config.snippetsDir, 'counting'))).toEqual(['01-count-py.ts']);
    expect(await leftovers.beside(site.root)).toEqual([]);
  });
});

describe('one build of a folder at a time', () => {
  test('a second build of the same folder waits for the first, says once which pid it waits for, then runs', async () => {
    const root = await tempRoot();
    const sandboxes = path.join(root, 'tmp');
    await mkdir(sandboxes);
    endSurvivorsAfterwards(sandboxes);
    const project = await blogProject(path.join(root, 'project'));
    await setVariant(project, 'A', 3);

    const first = startBuild(project, sandboxes);
    await first.waitForLine('Swept leftovers');
    const owner = (await readdir(path.join(project, LOCK_NAME))).find((name) => name.startsWith('owner-'));
    const firstPid = Number(owner?.split('-')[1]);
    const second = startBuild(project, sandboxes);
    const [firstDone, secondDone] = await Promise.all([first.exited, second.exited]);

    expect(firstDone.result.exitCode, firstDone.result.stderr).toBe(0);
    expect(secondDone.result.exitCode, secondDone.result.stderr).toBe(0);
    const waiting = second.lines.filter((line) => line.text.startsWith('Waiting for another build'));
    expect(waiting.map((line) => line.text)).toEqual([`Waiting for another build of this folder (pid ${firstPid}) to finish…`]);
    // The second build's first step comes after the first build's last (it releases the lock, then prints its
    // summary and exits): the two never interleaved.
    const firstLastStep = first.lines.filter((line) => line.text.startsWith('✓ Wrote')).at(-1)!;
    expect((await second.waitForLine('Swept leftovers'))!.at).toBeGreaterThanOrEqual(firstLastStep.at);
    expect(firstDone.at).toBeGreaterThan(second.started);
    expect(await leftovers.beside(project)).toEqual([]);
  }, 60_000);

  test('a writing build gives up after lockTimeoutMs naming the pid and the lock; a check (write: false) needs no lock', async () => {
    const site = await tempSite('blog');
    cleanups.push(site.cleanup);
    const lockModule = pathToFileURL(path.join(REPO_ROOT, 'src', 'util', 'build-lock.ts')).href;
    const holding = `
      import { acquireBuildLock } from ${JSON.stringify(lockModule)};
      await acquireBuildLock(${JSON.stringify(site.root)});
      process.stdout.write('held\\n');
      setInterval(() => {}, 1000);
    `;
    const holder: ResultPromise = execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', holding], { reject: false, cwd: REPO_ROOT });
    cleanups.push(async () => {
      holder.kill('SIGKILL');
      await holder;
    });
    await new Promise<void>((resolve) => holder.stdout?.on('data', () => resolve()));
    const messages: string[] = [];
    const reporter = { step: () => {}, example: () => {}, info: (message: string) => messages.push(message), warning: () => {} };

    const error = await build(site.config, { reporter, lockTimeoutMs: 300 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BuildLockError);
    expect((error as BuildLockError).message).toContain(`(pid ${holder.pid})`);
    expect((error as BuildLockError).message).toContain(path.join(site.root, LOCK_NAME));
    expect(messages).toEqual([`Waiting for another build of this folder (pid ${holder.pid}) to finish…`]);
    expect(await readdir(site.root)).not.toContain('site');
    const checked = await build(site.config, { write: false, lockTimeoutMs: 300 });
    expect(checked.verifications.map((verification) => verification.status)).toEqual(['passed']);
  });
});
