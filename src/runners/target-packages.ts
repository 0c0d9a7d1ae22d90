// Installs posts' requirements for an interpreter proofpress makes no venv from: into a folder of its own (`pip install --target`), put on PYTHONPATH.
//
// Two interpreters get one: Python 2 (no `venv` module; pyenv's 2.7.18 has pip 19.2, which has --target),
// and PROOFPRESS_PYTHON, which proofpress never changes: what that interpreter already satisfies is
// used as is, and only what it lacks is installed beside it, so a post's requirements are never skipped.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PythonRuntime } from './python-runtime.ts';
import { type DeclaredRequirement, installRequirements } from './venv.ts';

const STAMP = 'proofpress-requirements.json';

/**
 * `base` with `requirements` installed into `<dir>/site-packages` (its `packagesDir`). A stamp records the
 * interpreter and the list; when it matches, nothing runs. No requirements: `base` as it is.
 */
export async function ensurePackagesDir(options: { dir: string; base: PythonRuntime; requirements: DeclaredRequirement[] }): Promise<PythonRuntime> {
  const { dir, base, requirements } = options;
  if (requirements.length === 0) return base;
  const packagesDir = path.join(dir, 'site-packages');
  const wanted = JSON.stringify({ base: base.executable, version: base.version, requirements: requirements.map((r) => r.requirement) });
  const stampFile = path.join(dir, STAMP);
  const stamp = existsSync(stampFile) ? await readFile(stampFile, 'utf8') : '';
  if (stamp !== wanted || !existsSync(packagesDir)) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    // --target installs everything into the folder, whatever the interpreter already has.
    await installRequirements(base.executable, requirements, ['--target', packagesDir]);
    await mkdir(packagesDir, { recursive: true }); // every requirement's marker may exclude this interpreter
    await writeFile(stampFile, wanted);
  }
  return { ...base, packagesDir };
}
