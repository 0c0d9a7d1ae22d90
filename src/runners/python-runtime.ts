// Probes Python interpreters (2.7 and 3.x alike), and finds the Python 3 proofpress itself needs, with a clear message when there is none.
import { execa } from 'execa';
import { RunnerError } from '../errors.ts';

/** An interpreter examples run with, resolved once per build. */
export interface PythonRuntime {
  /** The real interpreter path (sys.executable): no pyenv shim in between. */
  executable: string;
  /** e.g. `3.11.7`, `2.7.18`. */
  version: string;
  /** sys.prefix: the venv when the interpreter is one, else the installation. */
  prefix: string;
  /** sys.base_prefix (virtualenv's sys.real_prefix on Python 2): the installation the interpreter (or its venv) runs from. */
  basePrefix: string;
  /** The purelib folder (site-packages): what is installed there is part of the runtime. */
  sitePackages: string;
  /**
   * Packages proofpress installed for this interpreter with `pip install --target` (Python 2 has no venv
   * module; PROOFPRESS_PYTHON is never changed): put on PYTHONPATH in the sandbox. Part of the runtime too.
   */
  packagesDir?: string;
}

// Python 2.7 and 3 alike: print(x) of one value is the same in both, and sysconfig exists since 2.7.
const PROBE = [
  'import sys, platform, sysconfig',
  'print(sys.executable); print(platform.python_version()); print(sys.version_info[0])',
  "print(sys.prefix); print(getattr(sys, 'real_prefix', getattr(sys, 'base_prefix', sys.prefix))); print(sysconfig.get_paths()['purelib'])",
].join('\n');

/** Resolve `candidate` (a command or path) to its real interpreter, whatever its version; undefined when it cannot run. */
export async function probePython(candidate: string): Promise<PythonRuntime | undefined> {
  const result = await execa(candidate, ['-c', PROBE], { reject: false, timeout: 20_000, stdin: 'ignore' });
  if (result.exitCode !== 0) return undefined;
  const [executable = '', version = '', , prefix = '', basePrefix = '', sitePackages = ''] = String(result.stdout)
    .trim()
    .split('\n')
    .map((line) => line.trim());
  if (!/^\d+\.\d+/.test(version) || executable === '') return undefined;
  return { executable, version, prefix, basePrefix, sitePackages };
}

/** Whether `version` (`3.6.15`) is at least `major.minor`. */
export function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [have = 0, haveMinor = 0] = version.split('.').map(Number);
  return have > major || (have === major && haveMinor >= minor);
}

/** The oldest Python 3 proofpress's own helpers run on (the sandbox supervisor, the bridge). */
export const HELPER_MINIMUM = [3, 6] as const;

/** What findPython accepts, and what the interpreter is for (said when none is found). */
export interface FindPythonOptions {
  /** @default 'proofpress runs the Python examples of posts with it' */
  why?: string;
  /** Accept any version (PROOFPRESS_PYTHON may be a Python 2); else only Python 3.6+. @default false */
  anyVersion?: boolean;
}

/**
 * The first Python 3.6+ (or any, with `anyVersion`) among `candidates`, or a RunnerError saying how to get
 * one. A candidate that is another Python (python2.7 where Python 3 is needed) is named, not called missing.
 */
export async function findPython(candidates: string[], options: FindPythonOptions = {}): Promise<PythonRuntime> {
  const others: string[] = [];
  for (const candidate of candidates) {
    const runtime = await probePython(candidate);
    if (runtime && (options.anyVersion || versionAtLeast(runtime.version, ...HELPER_MINIMUM))) return runtime;
    if (runtime) others.push(`${candidate} is Python ${runtime.version}`);
  }
  throw new RunnerError(`Python 3 was not found: ${options.why ?? 'proofpress runs the Python examples of posts with it'}`, {
    hint: `Install Python 3.6 or newer (e.g. \`apt-get install python3 python3-venv\`), or set PROOFPRESS_PYTHON to its path. Tried: ${candidates.join(', ')}${others.length ? ` (${others.join('; ')})` : ''}.`,
  });
}
