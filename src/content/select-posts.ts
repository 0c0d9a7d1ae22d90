// Stage 1e: the posts `--filter <post>` names, by slug or by file, with the variant files shown on their pages.
import path from 'node:path';
import { ConfigError } from '../errors.ts';
import type { Post } from './post.ts';

/** What `--filter <post>` selects: the posts whose examples run, and the reason the others give for not running. */
export interface PostFilter {
  /** The selected posts' sources (`content/x.md`). */
  sources: ReadonlySet<string>;
  /** Whether an example (or anything else of a post) belongs to a selected post. */
  runs: (item: { source: string }) => boolean;
  /** Why another post's example was not run, for its page and the report. */
  reason: string;
}

/** The filter of `--filter <query>` over `posts` (see selectPosts). */
export function postFilter(posts: Pick<Post, 'source' | 'slug' | 'variantOf'>[], query: string, root: string): PostFilter {
  const sources = selectPosts(posts, query, root);
  return { sources, runs: (item) => sources.has(item.source), reason: `not run: this build ran only the examples of --filter ${query}` };
}

/**
 * The sources (`content/x.md`) of the posts `query` names: the post whose slug, file name (without `.md`)
 * or path (relative to `root`, or absolute) it is, plus the files that are variants of it (`variant_of`),
 * since their examples are shown on its page. A query that names no post is an error listing some that exist.
 */
export function selectPosts(posts: Pick<Post, 'source' | 'slug' | 'variantOf'>[], query: string, root: string): Set<string> {
  const asPath = path.relative(root, path.resolve(root, query)).split(path.sep).join('/');
  const named = posts.filter((post) => post.slug === query || post.source === asPath || path.posix.basename(post.source, '.md') === query);
  if (named.length === 0) {
    const known = posts.slice(0, 5).map((post) => post.slug);
    throw new ConfigError(`--filter ${query} names no post`, {
      hint:
        `Give a post's slug or its file (${posts[0]?.source ?? 'content/my-post.md'})` +
        `${known.length > 0 ? `; posts include ${known.join(', ')}${posts.length > known.length ? ', …' : ''}` : ''}.` +
        ' Drafts and future-dated posts are only found with --drafts.',
    });
  }
  const slugs = new Set(named.map((post) => post.slug));
  const variants = posts.filter((post) => post.variantOf !== undefined && slugs.has(post.variantOf));
  return new Set([...named, ...variants].map((post) => post.source));
}
