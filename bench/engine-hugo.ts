// Hugo (Debian's `hugo`), building the corpus's hugo/ site, which reads the shared content/.
import path from 'node:path';
import { execa } from 'execa';
import { type Engine, removeAll } from './engine.ts';

export const hugo: Engine = {
  name: 'hugo',
  async detect() {
    const found = await execa('hugo', ['version'], { reject: false });
    if (found.failed) return { missing: 'hugo is not installed (Debian: apt-get install -y hugo)' };
    return { version: /v\d+\.\d+\.\d+\S*/.exec(found.stdout)?.[0] ?? found.stdout.trim() };
  },
  clean: (corpus) => removeAll(corpus.root, ['hugo-out', 'hugo-cache', path.join('hugo', 'resources')]),
  command: (corpus) => ({
    file: 'hugo',
    args: ['--source', corpus.hugoDir, '--destination', path.join(corpus.root, 'hugo-out'), '--cacheDir', path.join(corpus.root, 'hugo-cache'), '--quiet'],
    cwd: corpus.root,
  }),
  outDir: (corpus) => path.join(corpus.root, 'hugo-out'),
};
