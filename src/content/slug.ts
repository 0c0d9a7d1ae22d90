// Stage 1c: the URL slug of a post file's name, in any script, the way `proofpress new` names files.
import path from 'node:path';
import slugify from '@sindresorhus/slugify';
import { FrontMatterError } from '../errors.ts';

/** The slugs a post may have: lower-case ASCII letters, digits and dashes (what `slug:` in front matter accepts). */
export const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/**
 * The slug of `file`'s name: transliterated (`привет.md` → `privet`, `Über.md` → `ueber`), as `proofpress new`
 * makes one from a title, so a file it wrote keeps its name as its slug. `decamelize` is off so that an existing
 * `MyPost.md` keeps the slug `mypost` it had before names were transliterated.
 */
export function slugFromFileName(file: string): string {
  return slugify(path.posix.basename(file, '.md'), { decamelize: false });
}

/**
 * The slug of a post without `slug:` in its front matter. A name with nothing to transliterate (`___.md`,
 * `😀.md`, `安装指南.md`) would give an empty slug, publishing the post at its date's folder (`/2025/01/01/`):
 * that is an error asking for a `slug:`.
 */
export function requireFileSlug(file: string): string {
  const slug = slugFromFileName(file);
  if (SLUG.test(slug)) return slug;
  throw new FrontMatterError(`Cannot make a URL slug from the file name of ${file}`, {
    file,
    line: 1,
    hint: 'Add `slug: my-post` (lower-case letters, digits and dashes) to its front matter, or rename the file.',
  });
}
