// Requirements for interpreters without a venv (Python 2.7, PROOFPRESS_PYTHON): asked about, then installed with `pip --target`, for real.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RunnerError } from '../../../src/errors.ts';
import { formatError } from '../../../src/report/format-error.ts';
import { installedVersion } from '../../../src/runners/python-packages.ts';
import { probePython, type PythonRuntime } from '../../../src/runners/python-runtime.ts';
import { applicableRequirements, unsatisfiedRequirements } from '../../../src/runners/requirement-checks.ts';
import { ensurePackagesDir } from '../../../src/runners/target-packages.ts';
import { collectRequirements } from '../../../src/runners/venv.ts';
import { projectPython } from '../../helpers/project.ts';

const PYTHON_27 = path.join(process.env.PYENV_ROOT ?? path.join(homedir(), '.pyenv'), 'versions', '2.7.18', 'bin', 'python2.7');
const declared = (...requirements: string[]) => collectRequirements([{ source: 'content/old.md', requirements }]);
const names = (list: { requirement: string }[]) => list.map((r) => r.requirement);

let dir: string;
let venv: PythonRuntime;
let python27: PythonRuntime | undefined;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'proofpress-target-'));
  venv = await projectPython();
  python27 = existsSync(PYTHON_27) ? await probePython(PYTHON_27) : undefined;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('runners/requirement-checks', () => {
  test("finds what PROOFPRESS_PYTHON lacks: a requirement whose marker excludes it is satisfied", async () => {
    // The project's .venv holds flup 1.0.3 (npm install made it from content/'s requirements).
    const lacking = await unsatisfiedRequirements(venv, declared('flup==1.0.3', 'flup==1.0.2; python_version < "3"', 'no-such-dist==1.0'));
    expect(names(lacking)).toEqual(['no-such-dist==1.0']);
  });

  test.skipIf(!existsSync(PYTHON_27))('evaluates markers for the interpreter asked: one list serves Python 2.7 and 3', async () => {
    const requirements = declared('flup==1.0.2; python_version < "3"', 'flup==1.0.3; python_version >= "3"');
    expect(names(await applicableRequirements(python27!, requirements))).toEqual(['flup==1.0.2; python_version < "3"']);
    expect(names(await applicableRequirements(venv, requirements))).toEqual(['flup==1.0.3; python_version >= "3"']);
  });
});

describe('runners/target-packages', () => {
  test.skipIf(!existsSync(PYTHON_27))("installs with Python 2.7's own pip into a folder of its own, once", async () => {
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

  test.skipIf(!existsSync(PYTHON_27))('names the post and the requirement pip 19 cannot find, and stamps nothing', async () => {
    const error = await ensurePackagesDir({ dir: path.join(dir, 'bad'), base: python27!, requirements: declared('flup==9.9.9') }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunnerError);
    const text = formatError(error);
    expect(text).toContain('✗ Could not install the Python requirement `flup==9.9.9` declared by content/old.md');
    expect(text).toContain('File: content/old.md');
    expect(existsSync(path.join(dir, 'bad', 'proofpress-requirements.json'))).toBe(false); // the next build tries again
  });
});
