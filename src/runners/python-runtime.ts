// Finds the Python interpreter examples run with, and fails with a clear message when there is none.
import { execa } from 'execa';
import { RunnerError } from '../errors.ts';

/** The interpreter examples run with, resolved once per build. */
export interface PythonRuntime {
  /** The real interpreter path (sys.executable): no pyenv shim in between. */
  executable: string;
  /** e.g. `3.11.7`. */
  version: string;
}

const PROBE = 'import sys, platform; print(sys.executable); print(platform.python_version()); print(sys.version_info[0])';

/** Resolve `candidate` (a command or path) to its real interpreter; undefined when it cannot run. */
export async function probePython(candidate: string): Promise<PythonRuntime | undefined> {
  const result = await execa(candidate, ['-c', PROBE], { reject: false, timeout: 20_000, stdin: 'ignore' });
  if (result.exitCode !== 0) return undefined;
  const [executable = '', version = '', major = ''] = String(result.stdout).trim().split('\n');
  if (major.trim() !== '3') return undefined;
  return { executable: executable.trim(), version: version.trim() };
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
