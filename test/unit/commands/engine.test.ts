// How a new blog depends on the proofpress that made it: the tarball or folder it ran from, else ^version.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ENGINE_ROOT, engineSpec, engineVersion } from '../../../src/commands/engine.ts';
import { REPO_ROOT } from '../../helpers/project.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pp-engine-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A proofpress installed at `<dir>/node_modules/proofpress`, by a project whose package.json declares `declared`. */
async function installed(declared?: Record<string, unknown>): Promise<string> {
  const root = path.join(dir, 'node_modules', 'proofpress');
  await mkdir(root, { recursive: true });
  await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'proofpress', version: '1.2.3' }));
  if (declared) await writeFile(path.join(dir, 'package.json'), JSON.stringify(declared));
  return root;
}

describe('commands/engine', () => {
  test('the running engine is this repository, at its package.json version', () => {
    expect(ENGINE_ROOT).toBe(path.resolve(REPO_ROOT));
    expect(engineVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('run from a checkout, a blog links to that checkout', () => {
    expect(engineSpec(path.resolve(REPO_ROOT))).toBe(`file:${path.resolve(REPO_ROOT)}`);
  });

  test("run by npx from a tarball, a blog depends on that tarball (npx's folder records it relative to itself)", async () => {
    const root = await installed({ dependencies: { proofpress: 'file:../../tmp/proofpress-1.2.3.tgz' } });
    expect(engineSpec(root)).toBe(`file:${path.resolve(dir, '../../tmp/proofpress-1.2.3.tgz')}`);
  });

  test.each([
    ['from the registry', { dependencies: { proofpress: '^1.2.0' } }],
    ['by a tag', { devDependencies: { proofpress: 'latest' } }],
    ['globally (no package.json beside node_modules)', undefined],
  ])('installed %s, a blog depends on ^version', async (_how, declared) => {
    expect(engineSpec(await installed(declared))).toBe('^1.2.3');
  });
});
