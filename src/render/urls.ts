// Stage 6e: where each page lives: permalinks, list and tag URLs, their output files, and absolute URLs.
import slugify from '@sindresorhus/slugify';
import type { SiteInfo } from '../config/schema.ts';
import type { Post } from '../content/post.ts';

/** `/2006/08/31/a-very-simple-introduction-to-wsgi/`: the WordPress shape migrated posts had. */
export const DEFAULT_PERMALINK = '/:year/:month/:day/:slug/';

/** The URL of `post` under the `permalink` pattern (`:year`, `:month`, `:day` of its UTC date, `:slug`). */
export function postUrl(post: Post, permalink = DEFAULT_PERMALINK): string {
  const date = post.date.toISOString();
  const values: Record<string, string> = { year: date.slice(0, 4), month: date.slice(5, 7), day: date.slice(8, 10), slug: post.slug };
  return permalink.replace(/:(year|month|day|slug)/g, (_match, name: string) => values[name]!);
}

/** `/tags/tech/`. */
export function tagUrl(tag: string): string {
  return `/tags/${tagSlug(tag)}/`;
}

/** The page listing every tag. */
export const TAGS_URL = '/tags/';

/** The verification report page. */
export const VERIFICATION_URL = '/verification/';

/** Page `number` (1-based) of the home page: `/`, `/page/2/`, … */
export function homePageUrl(number: number): string {
  return number <= 1 ? '/' : `/page/${number}/`;
}

/** A tag as a URL segment. */
export function tagSlug(tag: string): string {
  // ASCII tags keep the URLs they always had (`C++ & <Python>` → `c-python`).
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(tag)) return tag.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'tag';
  // Others are transliterated as post slugs are (`Установка` → `ustanovka`); a script slugify cannot
  // spell in Latin (CJK) keeps its own letters, so two such tags never share `/tags/tag/`.
  const latin = slugify(tag, { decamelize: false });
  if (latin !== '') return latin;
  return tag.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'tag';
}

/**
 * The file a URL is written to: `/a/b/` → `a/b/index.html`, `/a.html` → `a.html`. A last segment with no
 * extension (`/old/page`) becomes a folder with an index, which is how static hosts serve such URLs.
 */
export function fileForUrl(url: string): string {
  const trimmed = url.replace(/^\/+/, '');
  if (trimmed === '' || trimmed.endsWith('/')) return `${trimmed}index.html`;
  return /\.[a-z0-9]+$/i.test(trimmed) ? trimmed : `${trimmed}/index.html`;
}

/** The absolute form of a root-relative URL, for canonical links, feeds and the sitemap. */
export function absoluteUrl(site: Pick<SiteInfo, 'baseUrl'>, url: string): string {
  return new URL(url.replace(/^\/+/, ''), site.baseUrl).href;
}

/** The path part of `site.baseUrl`, with slashes at both ends: `/` for a domain root, `/blog/` for a GitHub project page. */
export function basePath(site: Pick<SiteInfo, 'baseUrl'>): string {
  return new URL(site.baseUrl).pathname;
}

/** A root-relative URL of the site (`/tags/`) as it is requested once deployed under the base path (`/blog/tags/`). */
export function withBasePath(site: Pick<SiteInfo, 'baseUrl'>, url: string): string {
  return `${basePath(site)}${url.replace(/^\/+/, '')}`;
}

/** A URL path with its %-escapes decoded (as hosts map it to a file); unchanged when malformed. */
export function decodeUrlPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

// One formatter for the whole process: toLocaleDateString builds a new one per call, which cost 0.4 s of a 1,000-post build.
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `31 August 2006`. */
export function formatDate(date: Date): string {
  return DATE_FORMAT.format(date);
}
