// Stage 4 entry: the interpreter a build runs examples with (the project's .venv, made to match the posts).
import type { ResolvedConfig } from '../config/resolve.ts';
import { findPython, type PythonRuntime } from './python-runtime.ts';
import { collectRequirements, ensureVenv } from './venv.ts';

/** Interpreters tried, in order, as the base of the virtual environment. */
const BASE_CANDIDATES = ['python3', '/usr/bin/python3'];

/**
 * The interpreter examples run with. A user-chosen one (PROOFPRESS_PYTHON) is used as is; otherwise the
 * project's venv is made to hold every post's requirements.
 */
export function preparePython(config: ResolvedConfig, posts: { source: string; requirements: string[] }[]): Promise<PythonRuntime> {
  if (config.pythonOverride) return findPython([config.pythonOverride]);
  return ensureVenv({ venvDir: config.venvDir, baseCandidates: BASE_CANDIDATES, requirements: collectRequirements(posts) });
}
