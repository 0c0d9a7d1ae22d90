// A private temp directory and allow-listed environment per example; the code is written byte for byte.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Example } from '../examples/extract.ts';
import type { PythonRuntime } from './python-runtime.ts';

/** Folder holding sitecustomize.py, put on the example's PYTHONPATH for port isolation. */
export const PYTHON_SITE_DIR = fileURLToPath(new URL('./python/site/', import.meta.url));
/** Folder of proofpress's own Python helpers (the WSGI host). */
export const PYTHON_HELPERS_DIR = fileURLToPath(new URL('./python/', import.meta.url));
/** The file descriptor on which sitecustomize.py reports listening ports. */
export const REPORT_FD = 3;

/** Where one example runs. */
export interface Sandbox {
  /** The example's working directory: its file and `with=` files, nothing else. */
  workDir: string;
  /** Name of the example's own file inside workDir. */
  fileName: string;
  /** The complete environment of the example's processes (nothing is inherited). */
  env: Record<string, string>;
  /** Root of the sandbox (work, home, tmp, site folders), removed by `dispose`. */
  root: string;
  dispose(): Promise<void>;
}

/** Default file name of a runnable block that has no `file=`. */
export const DEFAULT_FILE_NAME = 'example.py';

/**
 * The environment is an allow-list, not the build's environment minus some names: demo_app prints
 * every variable it gets, so anything inherited (tokens, keys) would be published.
 */
export function buildExampleEnv(python: PythonRuntime, root: string): Record<string, string> {
  return {
    PATH: [path.dirname(python.executable), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    HOME: path.join(root, 'home'),
    TMPDIR: path.join(root, 'tmp'),
    LANG: 'C.UTF-8',
    PYTHONPATH: path.join(root, 'site'),
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    PROOFPRESS_REPORT_FD: String(REPORT_FD),
  };
}

/** Create the sandbox for `example`: its file and companions written exactly as shown in the post. */
export async function createSandbox(example: Example, python: PythonRuntime): Promise<Sandbox> {
  const root = await mkdtemp(path.join(tmpdir(), 'proofpress-'));
  const workDir = path.join(root, 'work');
  await Promise.all(['work', 'home', 'tmp', 'site'].map((dir) => mkdir(path.join(root, dir))));
  const fileName = example.spec.file ?? DEFAULT_FILE_NAME;
  await copyFile(path.join(PYTHON_SITE_DIR, 'sitecustomize.py'), path.join(root, 'site', 'sitecustomize.py'));
  await writeFile(path.join(workDir, fileName), example.code);
  for (const companion of example.companions) await writeFile(path.join(workDir, companion.name), companion.code);
  return {
    workDir,
    fileName,
    env: buildExampleEnv(python, root),
    root,
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/** Copy one of proofpress's own Python helpers into the sandbox root (outside workDir, which holds only what the post shows). */
export async function copyHelper(sandbox: Sandbox, name: string): Promise<string> {
  const target = path.join(sandbox.root, name);
  await copyFile(path.join(PYTHON_HELPERS_DIR, name), target);
  return target;
}
