// Finds the Python interpreter examples run with, and fails with a clear message when there is none.
import { execa } from 'execa';
import { RunnerError } from '../errors.ts';

/** The interpreter examples run with, resolved once per build. */
export interface PythonRuntime {
  /** The real interpreter path (sys.executable): no pyenv shim in between. */
  executable: string;
  /** e.g. `3.11.7`. */
  version: string;
  /** sys.prefix: the venv when the interpreter is one, else the installation. */
  prefix: string;
  /** sys.base_prefix: the installation the interpreter (or its venv) runs from. */
  basePrefix: string;
  /** The purelib folder (site-packages): what is installed there is part of the runtime. */
  sitePackages: string;
}

const PROBE = [
  'import sys, platform, sysconfig',
  'print(sys.executable); print(platform.python_version()); print(sys.version_info[0])',
  "print(sys.prefix); print(getattr(sys, 'base_prefix', sys.prefix)); print(sysconfig.get_paths()['purelib'])",
].join('\n');

/** Resolve `candidate` (a command or path) to its real interpreter; undefined when it cannot run. */
export async function probePython(candidate: string): Promise<PythonRuntime | undefined> {
  const result = await execa(candidate, ['-c', PROBE], { reject: false, timeout: 20_000, stdin: 'ignore' });
  if (result.exitCode !== 0) return undefined;
  const [executable = '', version = '', major = '', prefix = '', basePrefix = '', sitePackages = ''] = String(result.stdout)
    .trim()
    .split('\n')
    .map((line) => line.trim());
  if (major !== '3') return undefined;
  return { executable, version, prefix, basePrefix, sitePackages };
}

/** The first Python 3 among `candidates`, or a RunnerError saying how to get one. */
export async function findPython(candidates: string[]): Promise<PythonRuntime> {
  for (const candidate of candidates) {
    const runtime = await probePython(candidate);
    if (runtime) return runtime;
  }
  throw new RunnerError('Python 3 was not found: proofpress runs the Python examples of posts with it', {
    hint: `Install Python 3 (e.g. \`apt-get install python3 python3-venv\`), or set PROOFPRESS_PYTHON to its path. Tried: ${candidates.join(', ')}.`,
  });
}
