// What is installed in an interpreter, read from its site-packages on the host (never from inside a sandbox).
import { readdir } from 'node:fs/promises';
import type { PythonRuntime } from './python-runtime.ts';

/**
 * The distributions installed in the interpreter's site-packages (`flup-1.0.3.dist-info` …): the facts
 * `pip freeze` reads, without the ~0.5 s of starting pip.
 */
export async function installedDistributions(python: PythonRuntime): Promise<string[]> {
  const entries = await readdir(python.sitePackages).catch(() => [] as string[]);
  return entries.filter((name) => /\.(dist|egg)-info$/.test(name)).sort();
}

/** The installed version of distribution `name` (`1.0.3`), or undefined. */
export async function installedVersion(python: PythonRuntime, name: string): Promise<string | undefined> {
  const pattern = new RegExp(`^${name}-([^-]+?)(?:-py[\\d.]+)?\\.(?:dist|egg)-info$`, 'i');
  for (const entry of await installedDistributions(python)) {
    const version = pattern.exec(entry)?.[1];
    if (version) return version;
  }
  return undefined;
}
