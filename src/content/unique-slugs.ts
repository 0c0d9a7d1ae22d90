// Stage 1e: two posts may not share a slug: their pages and their snippets (snippets/<slug>/) would overwrite each other.
import { FrontMatterError } from '../errors.ts';
import type { Post } from './post.ts';

/**
 * One error per post whose slug an earlier post (in `posts`' order) already has, naming both files. The
 * permalink holds `:slug` and snippets are kept by slug, so a shared slug means one post's page or
 * example files silently replace the other's, whatever their dates.
 */
export function duplicateSlugErrors(posts: readonly Post[]): FrontMatterError[] {
  const first = new Map<string, Post>();
  const errors: FrontMatterError[] = [];
  for (const post of posts) {
    const earlier = first.get(post.slug);
    if (!earlier) {
      first.set(post.slug, post);
      continue;
    }
    errors.push(
      new FrontMatterError(`Two posts have the URL slug \`${post.slug}\`: ${earlier.source} and ${post.source}`, {
        file: post.source,
        line: 1,
        hint: `Give one of them another \`slug:\` in its front matter (the slug comes from the file name unless \`slug:\` is set).`,
      }),
    );
  }
  return errors;
}
