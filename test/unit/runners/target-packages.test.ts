// Requirements for interpreters without a venv (Python 2.7, PROOFPRESS_PYTHON): asked about, then installed with `pip --target`, for real.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RunnerError } from '../../../src/errors.ts';
import { formatError } from '../../../src/report/format-error.ts';
import { installedVersion } from '../../../src/runners/python-packages.ts';
import type { PythonRuntime } from '../../../src/runners/python-runtime.ts';
import { applicableRequirements, unsatisfiedRequirements } from '../../../src/runners/requirement-checks.ts';
import { ensurePackagesDir } from '../../../src/runners/target-packages.ts';
import { collectRequirements } from '../../../src/runners/venv.ts';
import { projectPython } from '../../helpers/project.ts';
import * as tools from '../../helpers/tools.ts';

// The Python 2.7 a build finds (CI: pyenv's 2.7.18, whose pip is 19); without one its tests are skipped, saying why.
const python27Tool = await tools.python('2.7');
const declared = (...requirements: string[]) => collectRequirements([{ source: 'content/old.md', requirements }]);
const names = (list: { requirement: string }[]) => list.map((r) => r.requirement);

let dir: string;
let venv: PythonRuntime;
const python27: PythonRuntime | undefined = python27Tool.found;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'proofpress-target-'));
  venv = await projectPython();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('runners/requirement-checks', () => {
  test("finds what PROOFPRESS_PYTHON lacks: a requirement whose marker excludes it is satisfied", async () => {
    // The project's .venv holds flup 1.0.3 (`npm run setup` made it from content/'s requirements).
    const lacking = await unsatisfiedRequirements(venv, declared('flup==1.0.3', 'flup==1.0.2; python_version < "3"', 'no-such-dist==1.0'));
    expect(names(lacking)).toEqual(['no-such-dist==1.0']);
  });

  test.skipIf(python27Tool.skip)(`evaluates markers for the interpreter asked: one list serves Python 2.7 and 3${python27Tool.because}`, async () => {
    const requirements = declared('flup==1.0.2; python_version < "3"', 'flup==1.0.3; python_version >= "3"');
    expect(names(await applicableRequirements(python27!, requirements))).toEqual(['flup==1.0.2; python_version < "3"']);
    expect(names(await applicableRequirements(venv, requirements))).toEqual(['flup==1.0.3; python_version >= "3"']);
  });
});

describe('runners/target-packages', () => {
  test.skipIf(python27Tool.skip)(`installs with Python 2.7's own pip into a folder of its own, once${python27Tool.because}`, async () => {
    const envDir = path.join(dir, 'python-2.7.18');
    const runtime = await ensurePackagesDir({ dir: envDir, base: python27!, requirements: declared('flup==1.0.2; python_version < "3"') });
    expect(runtime).toEqual({ ...python27, packagesDir: path.join(envDir, 'site-packages') });
    expect(await installedVersion(runtime, 'flup')).toBe('1.0.2');
    const stamp = await stat(path.join(envDir, 'proofpress-requirements.json'));
    const again = await ensurePackagesDir({ dir: envDir, base: python27!, requirements: declared('flup==1.0.2; python_version < "3"') });
    expect(again).toEqual(runtime);
    expect((await stat(path.join(envDir, 'proofpress-requirements.json'))).mtimeMs).toBe(stamp.mtimeMs);
  });

  test('gives the interpreter as it is when nothing is to be installed', async () => {
    expect(await ensurePackagesDir({ dir: path.join(dir, 'nothing'), base: venv, requirements: [] })).toBe(venv);
    expect(existsSync(path.join(dir, 'nothing'))).toBe(false);
  });

  test.skipIf(python27Tool.skip)(`names the post and the requirement pip 19 cannot find, and stamps nothing${python27Tool.because}`, async () => {
    const error = await ensurePackagesDir({ dir: path.join(dir, 'bad'), base: python27!, requirements: declared('flup==9.9.9') }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunnerError);
    const text = formatError(error);
    expect(text).toContain('✗ Could not install the Python requirement `flup==9.9.9` declared by content/old.md');
    expect(text).toContain('File: content/old.md');
    expect(existsSync(path.join(dir, 'bad', 'proofpress-requirements.json'))).toBe(false); // the next build tries again
  });
});
