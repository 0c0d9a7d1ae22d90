// Eleventy 3 from bench/eleventy/ (its own package.json, never proofpress's), with bench/eleventy/eleventy.config.js.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Engine, removeAll } from './engine.ts';

const DIR = fileURLToPath(new URL('./eleventy/', import.meta.url));
const PACKAGE = path.join(DIR, 'node_modules', '@11ty', 'eleventy');

export const eleventy: Engine = {
  name: 'eleventy',
  async detect() {
    if (!existsSync(path.join(DIR, 'node_modules', '@11ty', 'eleventy-plugin-syntaxhighlight'))) {
      return { missing: 'Eleventy is not installed (npm install --prefix bench/eleventy)' };
    }
    const { version } = JSON.parse(await readFile(path.join(PACKAGE, 'package.json'), 'utf8')) as { version: string };
    return { version };
  },
  clean: (corpus) => removeAll(corpus.root, ['eleventy-out', '.cache']),
  command: (corpus) => ({
    file: process.execPath,
    args: [path.join(PACKAGE, 'cmd.cjs'), `--config=${path.join(DIR, 'eleventy.config.js')}`, `--input=${corpus.contentDir}`, `--output=${path.join(corpus.root, 'eleventy-out')}`, '--quiet'],
    cwd: corpus.root,
  }),
  outDir: (corpus) => path.join(corpus.root, 'eleventy-out'),
};
