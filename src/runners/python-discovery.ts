// Finds the interpreter a version prefix (`2.7`, `3.12`, `3`) names: the config's paths, then PATH, then pyenv's versions folder.
import { constants } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { probePython, type PythonRuntime } from './python-runtime.ts';

/** Where interpreters are looked for (config/resolve.ts fills it from the config and the environment). */
export interface PythonSearch {
  /** The config's `pythons`: version prefix → path (or a command name looked up on PATH). */
  explicit: Readonly<Record<string, string>>;
  /** PATH's folders, in order. */
  path: readonly string[];
  /** pyenv's root ($PYENV_ROOT, else ~/.pyenv); its interpreters are `versions/X.Y.Z/bin/pythonX.Y`. */
  pyenvRoot: string;
}

/** What discovery found for one version prefix. */
export type Discovery = { runtime: PythonRuntime } | { missing: { tried: string[] } };

/** Whether `version` (`2.7.18`) is of `prefix` (`2.7`, `2`, `2.7.18`), component by component: 3.1 is not a prefix of 3.12. */
export function versionMatches(version: string, prefix: string): boolean {
  const have = version.split('.');
  return prefix.split('.').every((part, index) => have[index] === part);
}

/**
 * The paths worth probing for `prefix`, best first: the config's entries for it (the exact key first, then
 * more precise keys: "3.12" for "3"), `pythonX.Y` (or `pythonX`) in each PATH folder but pyenv's shims, then pyenv's
 * installed versions of that prefix, newest first. Only files that exist are listed.
 */
export async function pythonCandidates(prefix: string, search: PythonSearch): Promise<string[]> {
  const explicit = Object.entries(search.explicit)
    .filter(([key]) => versionMatches(key, prefix) || versionMatches(prefix, key))
    .sort(([a], [b]) => Number(b === prefix) - Number(a === prefix))
    .map(([, file]) => file);
  const [major, minor] = prefix.split('.');
  const name = minor === undefined ? `python${major}` : `python${major}.${minor}`;
  // pyenv's shims only forward to its versions, which are searched directly below: probing a shim costs
  // ~100 ms (a bash script), and one of another version than pyenv's global fails anyway.
  const pathDirs = search.path.filter((dir) => !(isUnder(dir, search.pyenvRoot) && path.basename(dir) === 'shims'));
  const onPath = await existing(pathDirs.map((dir) => path.join(dir, name)));
  return [...new Set([...explicit, ...onPath, ...(await pyenvCandidates(prefix, search.pyenvRoot))])];
}

// pyenv keeps each installed version in versions/<X.Y.Z>; other names there are virtualenvs or builds
// such as `3.13.0t` and `pypy3.10-7.3.12`, which are not the CPython a version prefix means.
async function pyenvCandidates(prefix: string, root: string): Promise<string[]> {
  const versionsDir = path.join(root, 'versions');
  const names = (await readdir(versionsDir).catch(() => [] as string[])).filter((name) => /^\d+\.\d+\.\d+$/.test(name) && versionMatches(name, prefix));
  names.sort((a, b) => compareVersions(b, a));
  return existing(names.map((name) => path.join(versionsDir, name, 'bin', `python${name.split('.').slice(0, 2).join('.')}`)));
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let index = 0; index < Math.max(x.length, y.length); index++) if ((x[index] ?? 0) !== (y[index] ?? 0)) return (x[index] ?? 0) - (y[index] ?? 0);
  return 0;
}

function isUnder(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function existing(files: string[]): Promise<string[]> {
  const found = await Promise.all(files.map((file) => access(file, constants.X_OK).then(() => file, () => undefined)));
  return found.filter((file) => file !== undefined);
}

/**
 * The interpreter `prefix` names: each candidate is probed for real (a pyenv shim of another version
 * fails, a `pythons` entry may be wrong) until one runs and is of that version.
 */
export async function discoverPython(prefix: string, search: PythonSearch): Promise<Discovery> {
  const candidates = await pythonCandidates(prefix, search);
  for (const candidate of candidates) {
    const runtime = await probePython(candidate);
    if (runtime && versionMatches(runtime.version, prefix)) return { runtime };
  }
  return { missing: { tried: candidates } };
}
