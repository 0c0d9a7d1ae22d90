// Stage 4 entry: the interpreter a build runs examples with (the project's .venv, made to match the posts).
import type { ResolvedConfig } from '../config/resolve.ts';
import type { PythonRuntime } from './python-runtime.ts';
import { collectRequirements, ensureVenv } from './venv.ts';

/** Interpreters tried, in order, as the base of the virtual environment. */
export function baseCandidates(config: ResolvedConfig): string[] {
  return config.pythonOverride ? [config.pythonOverride] : ['python3', '/usr/bin/python3'];
}

/** Ensure the venv holds every post's requirements and return its interpreter. */
export function preparePython(config: ResolvedConfig, posts: { source: string; requirements: string[] }[]): Promise<PythonRuntime> {
  return ensureVenv({ venvDir: config.venvDir, baseCandidates: baseCandidates(config), requirements: collectRequirements(posts) });
}
