// `proofpress new "Title"`: a post dated now in the content folder, named by a slug of its title; never overwrites.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import slugify from '@sindresorhus/slugify';
import { ScaffoldError } from '../errors.ts';
import { fillTemplate, templateValues } from './template.ts';

/** The slugs a post may have (as the front-matter schema accepts them). */
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/** What `newPost` writes, and where. */
export interface NewPostOptions {
  /** The project root, which errors name files from. */
  root: string;
  /** The folder of posts (the config's `contentDir`). */
  contentDir: string;
  title: string;
  /** The file's name and the post's URL slug. @default the title's slug (`"Hello, Wörld!"` → `hello-woerld`) */
  slug?: string;
  /** The post's date. @default now */
  now?: Date;
}

/**
 * Write `<contentDir>/<slug>.md`: the slug comes from the file name, as for every post, and the date from
 * the front matter (to the second, so a post written today is not in the future and its order is kept).
 */
export async function newPost(options: NewPostOptions): Promise<{ file: string; slug: string }> {
  const slug = options.slug ?? slugify(options.title);
  if (!SLUG.test(slug)) {
    throw new ScaffoldError(`Cannot name a post ${JSON.stringify(slug)} after the title ${JSON.stringify(options.title)}`, {
      hint: 'Give the slug yourself, in lower-case letters, digits and dashes: `proofpress new "…" --slug my-post`.',
    });
  }
  const file = path.join(options.contentDir, `${slug}.md`);
  const text = await fillTemplate('post.md', templateValues(options.title, options.now ?? new Date()));
  await mkdir(options.contentDir, { recursive: true });
  try {
    await writeFile(file, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new ScaffoldError(`${path.relative(options.root, file)} already exists`, {
      file: path.relative(options.root, file),
      hint: 'Choose another title, or another slug with `--slug`; new never overwrites a post.',
    });
  }
  return { file, slug };
}
