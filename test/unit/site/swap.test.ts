// Tests site/swap: output folders replaced whole and together, never half-written, even when the writer is SIGKILLed.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { SiteWriteError } from '../../../src/errors.ts';
import { parseSideFolder, replaceFolders, sideFolderPath } from '../../../src/site/swap.ts';
import { stillRunning } from '../../helpers/processes.ts';
import { REPO_ROOT } from '../../helpers/project.ts';

const SWAP_MODULE = pathToFileURL(path.join(REPO_ROOT, 'src', 'site', 'swap.ts')).href;
const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

/** A parent folder holding `site/` and `snippets/`, each with one file saying `old`. */
async function oldFolders(): Promise<{ parent: string; site: string; snippets: string }> {
  const parent = await mkdtemp(path.join(tmpdir(), 'proofpress-swap-'));
  roots.push(parent);
  const site = path.join(parent, 'site');
  const snippets = path.join(parent, 'snippets');
  for (const dir of [site, snippets]) {
    await mkdir(dir);
    await writeFile(path.join(dir, 'file.txt'), 'old');
  }
  return { parent, site, snippets };
}

/** A fill that writes `files` into the staging folder. */
function fillWith(files: Record<string, string>) {
  return async (staging: string) => {
    await mkdir(staging);
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(staging, name), text);
  };
}

describe('site/swap', () => {
  test('replaces each folder with its new content, leaving nothing beside them', async () => {
    const { parent, site, snippets } = await oldFolders();
    await replaceFolders([
      { dir: site, fill: fillWith({ 'index.html': 'new site' }) },
      { dir: snippets, fill: fillWith({ 'a.ts': 'new snippet' }) },
    ]);
    expect(await readdir(site)).toEqual(['index.html']);
    expect(await readdir(snippets)).toEqual(['a.ts']);
    expect(await readFile(path.join(snippets, 'a.ts'), 'utf8')).toBe('new snippet');
    expect((await readdir(parent)).sort()).toEqual(['site', 'snippets']);
  });

  test('leaves a folder whose content is unchanged as it is (not filled, not swapped) and replaces the others', async () => {
    const { parent, site, snippets } = await oldFolders();
    const before = await stat(site);
    let filled = false;
    await replaceFolders([
      { dir: site, fill: async (staging) => ((filled = true), fillWith({ 'file.txt': 'new' })(staging)), unchanged: async () => true },
      { dir: snippets, fill: fillWith({ 'file.txt': 'new' }), unchanged: async () => false },
    ]);
    expect(filled).toBe(false);
    expect((await stat(site)).ino).toBe(before.ino);
    expect(await readFile(path.join(site, 'file.txt'), 'utf8')).toBe('old');
    expect(await readFile(path.join(snippets, 'file.txt'), 'utf8')).toBe('new');
    expect((await readdir(parent)).sort()).toEqual(['site', 'snippets']);
  });

  test('creates a folder that did not exist yet', async () => {
    const { parent } = await oldFolders();
    const fresh = path.join(parent, 'fresh');
    await replaceFolders([{ dir: fresh, fill: fillWith({ 'x.txt': 'x' }) }]);
    expect(await readdir(fresh)).toEqual(['x.txt']);
  });

  test('touches no folder when a later one fails to be written, and removes every staging folder', async () => {
    const { parent, site, snippets } = await oldFolders();
    const failing = replaceFolders([
      { dir: site, fill: fillWith({ 'file.txt': 'new' }) },
      {
        dir: snippets,
        fill: async (staging) => {
          await fillWith({ 'half.ts': 'half' })(staging);
          throw new SiteWriteError('disk full');
        },
      },
    ]);
    await expect(failing).rejects.toThrow('disk full');
    expect(await readFile(path.join(site, 'file.txt'), 'utf8')).toBe('old');
    expect(await readdir(snippets)).toEqual(['file.txt']);
    expect((await readdir(parent)).sort()).toEqual(['site', 'snippets']);
  });

  test("stages beside the folder under a name carrying the writer's pid, so a sweep can tell a live build's", async () => {
    const { site } = await oldFolders();
    let staging = '';
    await replaceFolders([
      {
        dir: site,
        fill: async (dir) => {
          staging = dir;
          await mkdir(dir);
        },
      },
    ]);
    expect(path.dirname(staging)).toBe(path.dirname(site));
    expect(parseSideFolder(path.basename(staging))).toEqual({ base: 'site', kind: 'staging', pid: process.pid });
    expect(sideFolderPath(site, 'previous', `${process.pid}-ab12`)).toBe(path.join(path.dirname(site), `.site-previous-${process.pid}-ab12`));
  });

  test.each([
    // Names written by replaceFolders: the output folder, the kind and the writer's pid.
    ['.site-staging-4242-0a1b2c3d', { base: 'site', kind: 'staging', pid: 4242 }],
    ['.snippets-previous-7-ff00ff00', { base: 'snippets', kind: 'previous', pid: 7 }],
    ['.my-site-staging-12-abcdef01', { base: 'my-site', kind: 'staging', pid: 12 }],
    // Names from before the pid was part of them.
    ['.site-staging-0a1b2c3d', { base: 'site', kind: 'staging' }],
    ['.site-previous-12345678', { base: 'site', kind: 'previous' }],
    // Not side folders.
    ['site', undefined],
    ['.site-staging-', undefined],
    ['.site-backup-1-ab', undefined],
    ['.site-staging-12-xyz', undefined],
  ] as const)('parseSideFolder(%s)', (name, expected) => {
    expect(parseSideFolder(name)).toEqual(expected);
  });

  test('keeps the old folder whole when the writing process is SIGKILLed while writing the new one', async () => {
    const { parent, site } = await oldFolders();
    // A real process writes the new site file by file, forever, until it is killed.
    const code = `
      import { mkdir, writeFile } from 'node:fs/promises';
      import path from 'node:path';
      import { replaceFolders } from ${JSON.stringify(SWAP_MODULE)};
      await replaceFolders([{ dir: ${JSON.stringify(site)}, fill: async (staging) => {
        await mkdir(staging);
        for (let i = 0; ; i++) {
          await writeFile(path.join(staging, 'file.txt'), 'new ' + i);
          await writeFile(path.join(staging, i + '.html'), 'page');
          if (i === 20) process.stdout.write('writing\\n');
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      } }]);
    `;
    const writer = execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: REPO_ROOT, reject: false });
    await new Promise<void>((resolve, reject) => {
      writer.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('writing') && resolve());
      void writer.then((result) => reject(new Error(`the writer ended early: ${result.stderr}`)));
    });
    writer.kill('SIGKILL');
    await writer;
    expect(await stillRunning(writer.pid!)).toBe(false);

    expect(await readdir(site)).toEqual(['file.txt']);
    expect(await readFile(path.join(site, 'file.txt'), 'utf8')).toBe('old');
    // What is left is a staging folder named by the dead writer, which the next build's sweep removes.
    const leftovers = (await readdir(parent)).filter((name) => name !== 'site' && name !== 'snippets');
    expect(leftovers.map(parseSideFolder)).toEqual([{ base: 'site', kind: 'staging', pid: writer.pid }]);
  });
});
