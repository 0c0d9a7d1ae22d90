// What is installed in an interpreter, read from its site-packages on the host (never from inside a sandbox).
import { readdir } from 'node:fs/promises';
import type { PythonRuntime } from './python-runtime.ts';

/**
 * The distributions installed for the interpreter (`flup-1.0.3.dist-info` …): those proofpress put in its
 * packages folder first (they come first on its path), then its site-packages. The facts `pip freeze`
 * reads, without the ~0.5 s of starting pip.
 */
export async function installedDistributions(python: PythonRuntime): Promise<string[]> {
  const folders = [python.packagesDir, python.sitePackages].filter((folder) => folder !== undefined);
  const listed = await Promise.all(folders.map(async (folder) => (await readdir(folder).catch(() => [] as string[])).filter((name) => /\.(dist|egg)-info$/.test(name)).sort()));
  return listed.flat();
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
