// proofpress as a user runs it: `node bin/proofpress.js build --root <corpus> --quiet`.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Engine, removeAll } from './engine.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export const proofpress: Engine = {
  name: 'proofpress',
  async detect() {
    const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    return { version };
  },
  async clean(corpus) {
    // Cold: no site/ or snippets/ to compare against and no cache of any kind (.proofpress-cache and any later .proofpress-* cache).
    const caches = (await readdir(corpus.root)).filter((entry) => entry.startsWith('.proofpress'));
    await removeAll(corpus.root, ['site', 'snippets', ...caches]);
  },
  command: (corpus) => ({ file: process.execPath, args: [path.join(ROOT, 'bin', 'proofpress.js'), 'build', '--root', corpus.root, '--quiet'], cwd: corpus.root }),
  outDir: (corpus) => path.join(corpus.root, 'site'),
};
