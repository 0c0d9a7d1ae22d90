// Stage 6 cache: which engine renders, as hashes: a cached page or block made by other code is never reused.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE_ROOT } from '../../commands/engine.ts';

// The running sources (src/ in a checkout, dist/src/ compiled in a package) and the package folder above them.
const SRC_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** What rendered output depends on besides its own inputs. */
export interface RenderFingerprints {
  /**
   * Pages: proofpress's version, every source file under src/ (parsing, extraction and rendering all shape a
   * page), the installed version of each of its dependencies (markdown-it and its plugins, KaTeX, shiki…), and
   * Node's version with its ICU data (dates are formatted with Intl).
   */
  pages: string;
  /** Highlighted blocks: shiki's version and the two files that drive it, so a template change keeps every block. */
  blocks: string;
}

// The running code cannot change under a process (Node caches modules), so it is hashed once per process:
// a dev server's rebuilds reuse the first build's fingerprints.
let computed: Promise<RenderFingerprints> | undefined;

/** The fingerprints of the running engine (computed on first use). */
export function renderFingerprints(): Promise<RenderFingerprints> {
  computed ??= computeFingerprints();
  return computed;
}

async function computeFingerprints(): Promise<RenderFingerprints> {
  // A copy of src/ alone (as test/cache.test.ts makes) has no package.json: its sources still fingerprint it.
  const manifest = JSON.parse(await readFile(path.join(ENGINE_ROOT, 'package.json'), 'utf8').catch(() => '{}')) as { version?: string; dependencies?: Record<string, string> };
  const versions = await Promise.all(Object.keys(manifest.dependencies ?? {}).sort().map(async (name) => `${name}@${await installedVersion(name)}`));
  const pages = createHash('sha256').update(`proofpress@${manifest.version ?? 'unknown'}\nnode ${process.versions.node} icu ${process.versions.icu ?? 'none'}\n${versions.join('\n')}\n`);
  const files = (await readdir(SRC_DIR, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && !entry.parentPath.includes('__pycache__'))
    .map((entry) => path.relative(SRC_DIR, path.join(entry.parentPath, entry.name)))
    .sort();
  const contents = await Promise.all(files.map((file) => readFile(path.join(SRC_DIR, file))));
  // Each name with its length, so that the same sources hash the same wherever the package is installed.
  files.forEach((file, i) => pages.update(`${file}\0${contents[i]!.length}\0`).update(contents[i]!));
  const blocks = createHash('sha256').update(`shiki@${await installedVersion('shiki')}\n`);
  for (const file of ['render/highlight.ts', 'render/highlight-engine.ts']) blocks.update(contents[files.indexOf(file)] ?? file);
  return { pages: pages.digest('hex'), blocks: blocks.digest('hex') };
}

/** The version of the copy of package `name` Node would load for proofpress: in node_modules of its folder or of a parent. */
export async function installedVersion(name: string): Promise<string> {
  for (let dir = ENGINE_ROOT; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return (JSON.parse(await readFile(file, 'utf8')) as { version: string }).version;
    if (path.dirname(dir) === dir) return 'missing';
  }
}
