// What a build reads, as one hash: the project's own files a site is made from, the config and the engine.
//
// Read at the start of a writing build (before any stage reads a source), and again by the next build to tell
// whether anything changed (site/up-to-date.ts). It errs on the side of "changed": every top-level file of the
// project (the config, package.json and whatever else lies there), every file under content/, pages/, static/ and
// the theme folders, the files the config's `css` names, the resolved config, PROOFPRESS_* variables and the
// engine's fingerprint (its sources, dependencies and Node). A symbolic link to a folder in there makes the
// answer "cannot tell": it is never hashed as unchanged.
import { createHash, type Hash } from 'node:crypto';
import { type Dirent, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolve.ts';
import { PAGES_FOLDER } from '../content/pages.ts';
import { STATIC_FOLDER } from '../content/static-files.ts';
import { renderFingerprints } from '../render/cache/engine-fingerprint.ts';
import { themeDigest } from '../render/cache/render-keys.ts';

/** The hash of everything the build reads, or undefined when it cannot be told (a linked folder among the sources). */
export async function buildInputsDigest(config: ResolvedConfig, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const digest = createHash('sha256');
  const variables = Object.keys(env).filter((name) => name.startsWith('PROOFPRESS_')).sort();
  digest.update(JSON.stringify({ engine: (await renderFingerprints()).pages, config, env: variables.map((name) => [name, env[name]]) }));
  digest.update(`\0theme ${await themeDigest(config)}\0`);
  const topLevel = (await readdir(config.root, { withFileTypes: true })).filter((entry) => !entry.isDirectory());
  if (!hashFiles(digest, config.root, topLevel.filter((entry) => entry.name !== '.proofpress.lock'))) return undefined;
  for (const dir of [config.contentDir, path.join(config.root, PAGES_FOLDER), path.join(config.root, STATIC_FOLDER), path.join(config.root, 'theme')]) {
    digest.update(`\0folder ${path.relative(config.root, dir)}\0`);
    const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [] as Dirent[]);
    if (!hashFiles(digest, config.root, entries.filter((entry) => !entry.isDirectory()))) return undefined;
  }
  for (const file of config.css) digest.update(`\0css ${file}\0`).update(readOrMissing(path.resolve(config.root, file)));
  return digest.digest('hex');
}

// Each file as its path (relative to the root) and bytes, in path order; false for a link to a folder.
function hashFiles(digest: Hash, root: string, entries: Dirent[]): boolean {
  const files = entries.map((entry) => path.join(entry.parentPath, entry.name)).sort();
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EISDIR') return false; // a linked folder: its files are not listed here
      bytes = Buffer.from(`unreadable: ${(error as NodeJS.ErrnoException).code}`);
    }
    digest.update(`${path.relative(root, file)}\0${bytes.length}\0`).update(bytes);
  }
  return true;
}

function readOrMissing(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.from('\0missing');
  }
}
