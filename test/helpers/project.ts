// Shared test helpers: the repo root, the project's Python, and throwaway project folders from fixtures.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConfigOverrides, type ResolvedConfig, resolveConfig } from '../../src/config/resolve.ts';
import { probePython, type PythonRuntime } from '../../src/runners/python-runtime.ts';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A fixture folder under test/fixtures. */
export function fixturePath(...parts: string[]): string {
  return path.join(REPO_ROOT, 'test', 'fixtures', ...parts);
}

/** The project's venv interpreter (made by `npm run setup`, which `npm test` runs first); fails clearly when missing. */
export async function projectPython(): Promise<PythonRuntime> {
  const runtime = await probePython(path.join(REPO_ROOT, '.venv', 'bin', 'python'));
  if (!runtime) throw new Error('No Python at .venv/bin/python: run `npm run setup` first (or `npm test`, which runs it).');
  return runtime;
}

/** Copy `test/fixtures/sites/<name>` to a temp dir and resolve its config (running with the repo's .venv Python as is). */
export async function tempSite(name: string, overrides: ConfigOverrides = {}): Promise<{ root: string; config: ResolvedConfig; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), `proofpress-site-${name}-`));
  await cp(fixturePath('sites', name), root, { recursive: true });
  const config = resolveConfig(root, { pythonOverride: path.join(REPO_ROOT, '.venv', 'bin', 'python'), useCache: false, ...overrides });
  return { root, config, cleanup: () => rm(root, { recursive: true, force: true }) };
}
