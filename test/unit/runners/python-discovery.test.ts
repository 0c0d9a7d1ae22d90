// Tests finding the interpreter a version prefix names: the config's paths, then PATH, then pyenv's versions, each probed for real.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { discoverPython, pythonCandidates, versionMatches } from '../../../src/runners/python-discovery.ts';
import { probePython } from '../../../src/runners/python-runtime.ts';
import * as tools from '../../helpers/tools.ts';

// The machine's real interpreters, as a build finds them (pyenv's on CI and here); the fake ones below exec them,
// so probing is real. Without them the tests that probe are skipped, saying why.
const python27 = await tools.python('2.7');
const python312 = await tools.python('3.12');
const both = tools.allOf(python27, python312);
// Unused (and never run) when skipped: a fake that execs nothing fails as a missing interpreter would.
const REAL_27 = python27.found?.executable ?? '/nonexistent/python2.7';
const REAL_312 = python312.found?.executable ?? '/nonexistent/python3.12';

let root: string;
const at = (...parts: string[]) => path.join(root, ...parts);

/** An executable script at `file` (relative to the temp root) that runs `target` (or fails like a pyenv shim of another version). */
async function fakePython(file: string, target: string | undefined): Promise<string> {
  await mkdir(path.dirname(at(file)), { recursive: true });
  const body = target ? `exec ${target} "$@"` : 'echo "pyenv: python2.7: command not found" >&2; exit 127';
  await writeFile(at(file), `#!/bin/sh\n${body}\n`);
  await chmod(at(file), 0o755);
  return at(file);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'proofpress-discovery-'));
  await fakePython('shims/python2.7', undefined);
  await fakePython('bin/python2.7', REAL_27);
  await fakePython('pyenv/versions/2.7.18/bin/python2.7', REAL_27);
  await fakePython('pyenv/versions/2.7.9/bin/python2.7', REAL_27);
  await fakePython('pyenv/versions/3.12.1/bin/python3.12', REAL_312);
  await fakePython('pyenv/versions/3.13.0t/bin/python3.13', REAL_312); // a free-threaded build: not what "3" means
  await fakePython('pyenv/versions/pypy3.10-7.3.12/bin/python3.10', REAL_312);
  await fakePython('explicit/py27', REAL_27);
  await fakePython('explicit/py312', REAL_312);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('runners/python-discovery', () => {
  test.each<[string, string, boolean]>([
    // a prefix matches whole components
    ['2.7.18', '2.7', true],
    ['2.7.18', '2', true],
    ['2.7.18', '2.7.18', true],
    ['3.12.1', '3.1', false],
    ['3.1.4', '3.12', false],
    ['3.12.1', '3', true],
    ['2.7.18', '3', false],
  ])('versionMatches(%s, %s) is %s', (version, prefix, expected) => {
    expect(versionMatches(version, prefix)).toBe(expected);
  });

  test("lists the config's paths first (the exact key, then more precise ones), then PATH, then pyenv's newest first, never its shims", async () => {
    await fakePython('pyenv/shims/python2.7', undefined);
    const search = {
      explicit: { '3.12': at('explicit/py312'), '2.7': at('explicit/py27'), '2': '/nowhere/python2' },
      path: [at('pyenv', 'shims'), at('shims'), at('missing-dir'), at('bin')],
      pyenvRoot: at('pyenv'),
    };
    expect(await pythonCandidates('2.7', search)).toEqual([
      at('explicit/py27'),
      '/nowhere/python2', // "2" is less precise than 2.7, but may still be a 2.7: probing decides
      at('shims/python2.7'),
      at('bin/python2.7'),
      at('pyenv/versions/2.7.18/bin/python2.7'),
      at('pyenv/versions/2.7.9/bin/python2.7'),
    ]);
    expect(await pythonCandidates('3', { ...search, path: [] })).toEqual([at('explicit/py312'), at('pyenv/versions/3.12.1/bin/python3.12')]);
  });

  test.skipIf(both.skip)(`probes each candidate for real: a failing shim and a path of another version are passed over${both.because}`, async () => {
    const found = await discoverPython('2.7', {
      explicit: { '2.7': at('explicit/py312') }, // a wrong entry: it runs, but as 3.12
      path: [at('shims'), at('bin')],
      pyenvRoot: at('pyenv'),
    });
    expect(found).toMatchObject({ runtime: { version: python27.found!.version, executable: REAL_27 } });
  });

  test('says where it looked when no candidate is of that version', async () => {
    expect(await discoverPython('2.5', { explicit: {}, path: [at('bin')], pyenvRoot: at('pyenv') })).toEqual({ missing: { tried: [] } });
    const tried = await discoverPython('2.7', { explicit: {}, path: [at('shims')], pyenvRoot: at('nowhere') });
    expect(tried).toEqual({ missing: { tried: [at('shims/python2.7')] } });
  });

  test.skipIf(python27.skip)(`probes Python 2.7: no base_prefix there, so its prefix is the installation's${python27.because}`, async () => {
    const runtime = await probePython(REAL_27);
    // The installation that holds bin/python2.7: pyenv's versions/2.7.18 (Debian ships no Python 2 any more).
    const installation = path.dirname(path.dirname(REAL_27));
    expect(runtime).toEqual({
      executable: REAL_27,
      version: python27.found!.version,
      prefix: installation,
      basePrefix: installation,
      sitePackages: path.join(installation, 'lib', 'python2.7', 'site-packages'),
    });
  });
});
