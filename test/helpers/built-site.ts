// Test helper: build the real content/ or a fixture site into a temp project, run with the repo's .venv Python.
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type BuildResult } from '../../src/build.ts';
import { type ConfigOverrides, type ResolvedConfig, resolveConfig } from '../../src/config/resolve.ts';
import { fixturePath, REPO_ROOT } from './project.ts';

/** A finished build in a temp project; `cleanup` removes the project. */
export interface BuiltSite {
  root: string;
  config: ResolvedConfig;
  result: BuildResult;
  cleanup: () => Promise<void>;
}

/** Build `source`: `'content'` is the repo's own posts, any other name a folder of test/fixtures/sites. */
export async function buildSite(source: string, options: { write?: boolean; overrides?: ConfigOverrides } = {}): Promise<BuiltSite> {
  const root = await mkdtemp(path.join(tmpdir(), `proofpress-built-${source}-`));
  const cleanup = () => rm(root, { recursive: true, force: true });
  try {
    if (source === 'content') await cp(path.join(REPO_ROOT, 'content'), path.join(root, 'content'), { recursive: true });
    else await cp(fixturePath('sites', source), root, { recursive: true });
    // As `npm install` leaves a blog: its theme overrides import the engine by name.
    await mkdir(path.join(root, 'node_modules'), { recursive: true });
    await symlink(REPO_ROOT, path.join(root, 'node_modules', 'proofpress'));
    const config = resolveConfig(root, { pythonOverride: path.join(REPO_ROOT, '.venv', 'bin', 'python'), useCache: false, ...options.overrides });
    const result = await build(config, { write: options.write ?? false });
    return { root, config, result, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
