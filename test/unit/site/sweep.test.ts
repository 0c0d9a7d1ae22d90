// Tests site/sweep: what killed builds leave (sandboxes, staging and previous folders) is removed, a moved-aside site restored.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { describeSweep, sweepLeftovers } from '../../../src/site/sweep.ts';
import { stillRunning } from '../../helpers/processes.ts';

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'proofpress-sweep-'));
  roots.push(dir);
  return dir;
}

/** The pid of a process that ran and ended: a build that was killed. */
async function deadPid(): Promise<number> {
  const child = execa(process.execPath, ['-e', '']);
  await child;
  return child.pid!;
}

/** A folder holding one file with `text`. */
async function folder(dir: string, text: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'index.html'), text);
}

describe('site/sweep', () => {
  test("removes the sandbox folders of a build once its process is SIGKILLed, and never a running build's", async () => {
    const tmp = await tempDir();
    // A real process makes its sandbox folder the way runners/sandbox.ts does, then stays alive.
    const code = `
      const { mkdtempSync } = await import('node:fs');
      mkdtempSync(${JSON.stringify(path.join(tmp, 'proofpress-'))} + process.pid + '-');
      process.stdout.write('made\\n');
      setInterval(() => {}, 1000);
    `;
    const build = execa(process.execPath, ['--input-type=module', '-e', code], { reject: false });
    await new Promise<void>((resolve) => build.stdout?.on('data', () => resolve()));
    await mkdir(path.join(tmp, `proofpress-${process.pid}-mine`));
    await mkdir(path.join(tmp, 'proofpress-1-init')); // pid 1 always runs
    await mkdir(path.join(tmp, 'proofpress-site-blog-x')); // a test project, not a sandbox
    await mkdir(path.join(tmp, 'unrelated-1-x'));
    const sandboxOfBuild = `proofpress-${build.pid}-`;

    await sweepLeftovers({ dirs: [], tmpDir: tmp });
    expect((await readdir(tmp)).filter((name) => name.startsWith(sandboxOfBuild))).toHaveLength(1);

    build.kill('SIGKILL');
    await build;
    expect(await stillRunning(build.pid!)).toBe(false);
    const dead = await deadPid();
    await folder(path.join(tmp, `proofpress-${dead}-abc`, 'work', 'deep'), 'left by a killed build');

    const result = await sweepLeftovers({ dirs: [], tmpDir: tmp });
    expect((await readdir(tmp)).sort()).toEqual(['proofpress-1-init', `proofpress-${process.pid}-mine`, 'proofpress-site-blog-x', 'unrelated-1-x'].sort());
    expect(result.removed).toHaveLength(2);
    expect(result.removed).toContain(path.join(tmp, `proofpress-${dead}-abc`));
  });

  test("removes dead builds' staging and previous folders beside site/ and snippets/, keeping a running build's", async () => {
    const root = await tempDir();
    const dead = await deadPid();
    const site = path.join(root, 'site');
    const snippets = path.join(root, 'snippets');
    await folder(site, 'current');
    await folder(snippets, 'current');
    const left = [`.site-staging-${dead}-aa11`, `.site-previous-${dead}-bb22`, `.snippets-staging-${dead}-cc33`, `.snippets-previous-${dead}-dd44`, '.site-staging-0a1b2c3d'];
    const kept = [`.site-staging-${process.pid}-ee55`, '.other-staging-1-ff66', 'content', '.proofpress-cache'];
    for (const name of [...left, ...kept]) await folder(path.join(root, name), name);

    const result = await sweepLeftovers({ dirs: [site, snippets], tmpDir: root });

    expect((await readdir(root)).sort()).toEqual(['site', 'snippets', ...kept].sort());
    expect(result).toEqual({ removed: expect.arrayContaining(left.map((name) => path.join(root, name))), restored: [], failed: [] });
    expect(result.removed).toHaveLength(left.length);
    expect(await readFile(path.join(site, 'index.html'), 'utf8')).toBe('current');
  });

  test('renames the previous folder back when a build was killed between the two renames of its swap', async () => {
    const root = await tempDir();
    const dead = await deadPid();
    // The state a build leaves when killed after `site → .site-previous` and before `staging → site`.
    await folder(path.join(root, `.site-previous-${dead}-aa11`), 'the published site');
    await folder(path.join(root, `.site-staging-${dead}-aa11`), 'the complete new site');
    await folder(path.join(root, 'snippets'), 'snippets');

    const result = await sweepLeftovers({ dirs: [path.join(root, 'site'), path.join(root, 'snippets')], tmpDir: root });

    expect((await readdir(root)).sort()).toEqual(['site', 'snippets']);
    expect(await readFile(path.join(root, 'site', 'index.html'), 'utf8')).toBe('the published site');
    expect(result.restored).toEqual([path.join(root, 'site')]);
    expect(describeSweep(result)).toBe('Swept leftovers of interrupted builds: 1 removed, 1 restored');
  });

  test('deletes a previous folder when its site/ is there, and restores none while its build still runs', async () => {
    const root = await tempDir();
    const dead = await deadPid();
    await folder(path.join(root, 'site'), 'current');
    await folder(path.join(root, `.site-previous-${dead}-aa11`), 'older');
    await folder(path.join(root, `.snippets-previous-${process.pid}-bb22`), 'mid-swap in this running process');

    await sweepLeftovers({ dirs: [path.join(root, 'site'), path.join(root, 'snippets')], tmpDir: root });

    expect((await readdir(root)).sort()).toEqual([`.snippets-previous-${process.pid}-bb22`, 'site']);
    expect(await readFile(path.join(root, 'site', 'index.html'), 'utf8')).toBe('current');
  });

  test('is a no-op on a project that was never built', async () => {
    const root = await tempDir();
    const result = await sweepLeftovers({ dirs: [path.join(root, 'site'), path.join(root, 'missing', 'snippets')], tmpDir: path.join(root, 'no-tmp') });
    expect(result).toEqual({ removed: [], restored: [], failed: [] });
    expect(await readdir(root)).toEqual([]);
  });
});
