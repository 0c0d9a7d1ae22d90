// The interpreters of one build (the default one, and one per version posts and blocks choose), and which one an example runs on.
import type { Example } from '../examples/extract.ts';
import type { PythonRuntime } from './python-runtime.ts';

/** A chosen version (`python: "2.7"`) that is not installed on this machine. */
export interface MissingPython {
  /** The version prefix as posts wrote it (`2.7`). */
  version: string;
  /** Why its examples are not run, with how to install it; shown on the page (names no folder of the build machine). */
  reason: string;
  /** Where it was looked for (`\`python2.5\` on PATH, ~/.pyenv/versions/2.5.*`), for the build's warning. */
  looked: string;
}

/** What a version prefix gave: its interpreter (with its environment), or why there is none. */
export type PythonChoice = { runtime: PythonRuntime } | { missing: MissingPython };

/** Every interpreter a build runs examples with. */
export interface BuildPythons {
  /** For examples that choose none: the project's .venv, or PROOFPRESS_PYTHON. Absent when no such example runs. */
  default?: PythonRuntime;
  /** By version prefix as written (`2.7`, `3.12`). */
  chosen: ReadonlyMap<string, PythonChoice>;
  /**
   * A Python 3.6+ that runs proofpress's own supervisor and bridge in sandboxes whose example runs on an
   * older Python (init.py is Python 3). Absent when every interpreter of the build is 3.6+.
   */
  helper?: PythonRuntime;
}

/** The interpreter `example` runs on: its chosen version's, else the default one (`fallback` when the build prepared none). */
export function pythonFor(pythons: BuildPythons | undefined, example: Pick<Example, 'spec'>, fallback: PythonRuntime): PythonChoice {
  const version = example.spec.python;
  if (version === undefined) return { runtime: pythons?.default ?? fallback };
  return pythons?.chosen.get(version) ?? { missing: missingPython(version, 'it was not prepared for this run') };
}

/** The "not run" reason of a missing version, with how to install it. */
export function missingPython(version: string, looked: string): MissingPython {
  const reason = `Python ${version} not found — install it (e.g. \`pyenv install ${version}\`) or give its path under \`pythons\` in proofpress.config.json`;
  return { version, reason, looked };
}

/** Every runtime of the build, each once (the fingerprints of the cache are per runtime). */
export function allRuntimes(pythons: BuildPythons): PythonRuntime[] {
  const runtimes = [pythons.default, ...[...pythons.chosen.values()].map((choice) => ('runtime' in choice ? choice.runtime : undefined))];
  return [...new Map(runtimes.filter((runtime) => runtime !== undefined).map((runtime) => [runtimeKey(runtime), runtime])).values()];
}

/** One string per distinct runtime: its interpreter and its packages folder. */
export function runtimeKey(runtime: PythonRuntime): string {
  return `${runtime.executable}\0${runtime.packagesDir ?? ''}`;
}

/** A build's interpreters when every example runs on `runtime` (tests, benchmarks). */
export function onlyPython(runtime: PythonRuntime): BuildPythons {
  return { default: runtime, chosen: new Map() };
}
