// Tests the interpreters a build prepares: PROOFPRESS_PYTHON of any version with the requirements it lacks, chosen versions with environments of their own.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.ts';
import { installedVersion } from '../../../src/runners/python-packages.ts';
import { preparePythons } from '../../../src/runners/prepare.ts';
import { REPO_ROOT } from '../../helpers/project.ts';
import * as tools from '../../helpers/tools.ts';

// The 2.7 and 3.12 a build finds on this machine (CI: pyenv's); without one its test is skipped, saying why.
const python27 = await tools.python('2.7');
const python312 = await tools.python('3.12');
const VENV_PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
const FLUP_FOR_2 = 'flup==1.0.2; python_version < "3"';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'proofpress-prepare-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const config = (pythonOverride?: string) => resolveConfig(root, { pythonOverride, useCache: false });

describe('runners/prepare', () => {
  test.skipIf(python27.skip)(`takes a Python 2.7 PROOFPRESS_PYTHON as the default, installs what it lacks beside it, and finds a Python 3 for the supervisor${python27.because}`, async () => {
    const { executable, version } = python27.found!;
    const pythons = await preparePythons(config(executable), [{ source: 'content/old.md', requirements: [FLUP_FOR_2] }]);
    expect(pythons.default).toMatchObject({ version, packagesDir: path.join(root, '.proofpress-envs', `override-python-${version}`, 'site-packages') });
    expect(await installedVersion(pythons.default!, 'flup')).toBe('1.0.2');
    expect(pythons.helper?.version).toMatch(/^3\./);
  });

  test('uses PROOFPRESS_PYTHON as is when it already satisfies the requirements (a marker may exclude one)', async () => {
    const pythons = await preparePythons(config(VENV_PYTHON), [{ source: 'content/new.md', requirements: ['flup==1.0.3', FLUP_FOR_2] }]);
    expect(pythons.default?.packagesDir).toBeUndefined();
    expect(pythons.helper).toBeUndefined(); // the .venv's Python 3 runs the supervisor itself
  });

  test.skipIf(python312.skip)(`gives two prefixes of one interpreter one environment, a venv without pip when no requirement applies to it${python312.because}`, async () => {
    // "3.12" and its exact version (3.12.1 on CI) name one interpreter.
    const { version } = python312.found!;
    const pythons = await preparePythons(config(VENV_PYTHON), [
      { source: 'content/a.md', requirements: [FLUP_FOR_2], python: '3.12' },
      { source: 'content/b.md', requirements: [], python: version },
    ]);
    const [a, b] = [pythons.chosen.get('3.12'), pythons.chosen.get(version)];
    expect(a).toEqual(b);
    const envDir = path.join(root, '.proofpress-envs', `python-${version}`);
    expect(a).toMatchObject({ runtime: { version, prefix: envDir } });
    expect(existsSync(path.join(envDir, 'bin', 'pip'))).toBe(false);
    expect(pythons.default).toBeUndefined(); // no example chose the default
  });

  test('records a version that is not installed as missing, with where it looked', async () => {
    const pythons = await preparePythons(config(VENV_PYTHON), [{ source: 'content/x.md', requirements: [], python: '1.6' }]);
    expect(pythons.chosen.get('1.6')).toEqual({
      missing: {
        version: '1.6',
        reason: 'Python 1.6 not found — install it (e.g. `pyenv install 1.6`) or give its path under `pythons` in proofpress.config.json',
        looked: expect.stringMatching(/^`python1\.6` on PATH, .*\/versions\/1\.6\.\*$/),
      },
    });
    expect(pythons.helper?.version).toMatch(/^3\./); // what the run context holds when no interpreter is found
  });
});
