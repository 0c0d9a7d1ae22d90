// `proofpress init [dir]`: scaffold a blog — commented config, a first post with a verified example,
// package.json with its scripts, .gitignore, a CI workflow — refusing to overwrite any file.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import slugify from '@sindresorhus/slugify';
import { ScaffoldError } from '../errors.ts';
import { fillTemplate, templateValues } from './template.ts';

/**
 * Each file of a new blog: its template under templates/blog/ and its place in the blog. Templates have
 * plain names because npm leaves `.gitignore` out of a published package (npm/npm#1862).
 */
const SCAFFOLD = [
  { template: 'blog/proofpress.config.json', target: 'proofpress.config.json' },
  { template: 'blog/content/hello-world.md', target: 'content/hello-world.md' },
  { template: 'blog/gitignore', target: '.gitignore' },
  { template: 'blog/github/workflows/build.yml', target: '.github/workflows/build.yml' },
  { template: 'blog/README.md', target: 'README.md' },
];

/** What `initBlog` makes, and where. */
export interface InitOptions {
  /** The blog's folder; made when missing. It may hold other files, but none that `init` writes. */
  dir: string;
  /** The site's title. @default the folder's name */
  title?: string;
  /** The npm spec the blog depends on proofpress by (see engine.ts `engineSpec`). */
  engine: string;
  /** The first post's date. @default now */
  now?: Date;
}

/** The blog `initBlog` wrote: its folder and the files, relative to it. */
export interface InitResult {
  dir: string;
  files: string[];
}

/** Write a new blog into `options.dir`; nothing is written when any of its files already exists. */
export async function initBlog(options: InitOptions): Promise<InitResult> {
  const dir = path.resolve(options.dir);
  const title = options.title ?? path.basename(dir);
  const values = templateValues(title, options.now ?? new Date());
  const files = [
    { target: 'package.json', text: blogPackageJson(path.basename(dir), options.engine) },
    ...(await Promise.all(SCAFFOLD.map(async ({ template, target }) => ({ target, text: await fillTemplate(template, values) })))),
  ];
  const existing = files.filter((file) => existsSync(path.join(dir, file.target))).map((file) => file.target);
  if (existing.length > 0) {
    throw new ScaffoldError(`${dir} already has ${existing.join(', ')}: init writes a new blog and overwrites nothing`, {
      hint: 'Give init a new folder (`proofpress init my-blog`), or move those files away first.',
    });
  }
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file.target)), { recursive: true });
    await writeFile(path.join(dir, file.target), file.text, { flag: 'wx' }); // wx: never replace a file made meanwhile
  }
  return { dir, files: files.map((file) => file.target) };
}

// The scripts the README and the CI workflow call. The blog is no package to publish: private, and the
// engine is a dependency (not a devDependency) so that hosts installing with NODE_ENV=production still build.
function blogPackageJson(folder: string, engine: string): string {
  const manifest = {
    name: slugify(folder) || 'blog',
    private: true,
    type: 'module',
    scripts: {
      dev: 'proofpress dev',
      build: 'proofpress build',
      check: 'proofpress check',
      preview: 'proofpress preview',
      setup: 'proofpress setup',
    },
    dependencies: { proofpress: engine },
    engines: { node: '>=20' },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
