// Stage 6e: where each page lives: permalinks and their output file paths.
import type { Post } from '../content/post.ts';

/** `/2006/08/31/a-very-simple-introduction-to-wsgi/`: the WordPress shape migrated posts had. */
export function postUrl(post: Post): string {
  const date = post.date.toISOString();
  return `/${date.slice(0, 4)}/${date.slice(5, 7)}/${date.slice(8, 10)}/${post.slug}/`;
}

/** `/tags/tech/`. */
export function tagUrl(tag: string): string {
  return `/tags/${tagSlug(tag)}/`;
}

/** A tag as a URL segment. */
export function tagSlug(tag: string): string {
  return tag.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'tag';
}

/** The file a URL is written to: `/a/b/` → `a/b/index.html`. */
export function fileForUrl(url: string): string {
  const trimmed = url.replace(/^\/+/, '');
  return trimmed === '' || trimmed.endsWith('/') ? `${trimmed}index.html` : trimmed;
}

/** `31 August 2006`. */
export function formatDate(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
