// Which proofpress is running (its folder and version), and how a new blog should depend on it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'proofpress';

/**
 * The folder of the running proofpress package (real path: a linked install points at its target): the nearest
 * folder above this file with proofpress's package.json. The sources run from src/ in a checkout and from the
 * compiled copy dist/src/ in a published package, so the depth differs; a bare copy of src/ (as some tests
 * make) has none, and its parent stands in.
 */
export const ENGINE_ROOT = findEngineRoot(fileURLToPath(new URL('../', import.meta.url)));

/** The version of the running proofpress, from its package.json. */
export function engineVersion(root = ENGINE_ROOT): string {
  return (readJson(path.join(root, 'package.json')) as { version: string }).version;
}

/**
 * The npm spec a new blog depends on proofpress by, so that `npm install` in the blog gets this engine:
 * - installed from a tarball or a folder (`npx ./proofpress-0.1.0.tgz init`, whose npx folder records
 *   `file:…` in its package.json): that same file, as an absolute `file:` spec;
 * - run from a checkout, not installed: `file:` that checkout (for trying a change in a real blog);
 * - otherwise (from the registry): `^version`.
 */
export function engineSpec(root = ENGINE_ROOT): string {
  const version = engineVersion(root);
  if (path.basename(path.dirname(root)) !== 'node_modules') return `file:${root}`;
  const installDir = path.dirname(path.dirname(root));
  const manifest = path.join(installDir, 'package.json');
  if (!existsSync(manifest)) return `^${version}`;
  const { dependencies = {}, devDependencies = {} } = readJson(manifest) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const declared = dependencies[PACKAGE_NAME] ?? devDependencies[PACKAGE_NAME];
  if (declared?.startsWith('file:')) return `file:${path.resolve(installDir, declared.slice('file:'.length))}`;
  return `^${version}`;
}

function findEngineRoot(sourcesDir: string): string {
  for (let dir = path.resolve(sourcesDir); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (readJson(manifest) as { name?: string }).name === PACKAGE_NAME) return dir;
    if (path.dirname(dir) === dir) return path.resolve(sourcesDir, '..');
  }
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}
