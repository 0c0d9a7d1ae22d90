// proofpress as a user runs it: `node node_modules/proofpress/bin/proofpress.js build --root <corpus> --quiet`, from
// a copy laid out as the published package (bench/installed-package.ts), so the compiled JavaScript runs.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Engine, removeAll } from './engine.ts';
import { installedPackage } from './installed-package.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
let packageDir: string | undefined;

export const proofpress: Engine = {
  name: 'proofpress',
  async detect() {
    packageDir = await installedPackage(); // compiled once, before any timed build
    const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    return { version };
  },
  async clean(corpus) {
    // Cold: no site/ or snippets/ to compare against and no cache of any kind (.proofpress-cache and any later .proofpress-* cache).
    const caches = (await readdir(corpus.root)).filter((entry) => entry.startsWith('.proofpress'));
    await removeAll(corpus.root, ['site', 'snippets', ...caches]);
  },
  command(corpus) {
    if (!packageDir) throw new Error('call proofpress.detect() first: it prepares the installed copy the builds run');
    return { file: process.execPath, args: [path.join(packageDir, 'bin', 'proofpress.js'), 'build', '--root', corpus.root, '--quiet'], cwd: corpus.root };
  },
  outDir: (corpus) => path.join(corpus.root, 'site'),
};
