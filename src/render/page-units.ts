// Stage 6: the site's pages and feeds as units: each output file with its cache key, the articles it shows, and how to render it.
import type MarkdownIt from 'markdown-it';
import { createHash } from 'node:crypto';
import type { ParsedPage } from '../markdown/parse-page.ts';
import { indexPage as builtInIndexPage } from '../theme/default/index-page.ts';
import { notFound as builtInNotFound } from '../theme/default/not-found.ts';
import { postPage as builtInPostPage } from '../theme/default/post-page.ts';
import { tagPage as builtInTagPage } from '../theme/default/tag-page.ts';
import { moveUnderBasePath } from './base-path.ts';
import { unitKey } from './cache/render-keys.ts';
import { FEED_LIMIT, renderFeeds } from './feeds.ts';
import { indexPages, renderIndexPage } from './index-page.ts';
import { FEEDS, type PageContext } from './layout.ts';
import { NOT_FOUND_LATEST, renderNotFoundPage } from './not-found-page.ts';
import type { OutputFileData } from './output.ts';
import { renderPagePage } from './page-page.ts';
import type { PostEntry } from './post-entry.ts';
import { renderPostPage } from './post-page.ts';
import { renderTagIndex, renderTagPage, tagGroups, tagIndexItems } from './tag-page.ts';
import { fileForUrl, TAGS_URL, tagUrl, VERIFICATION_URL } from './urls.ts';
import { renderVerificationPage } from './verification-report.ts';

/** One output file that is rendered only when the render cache lacks its key. */
export interface PageUnit {
  /** Path of the file relative to the site root. */
  path: string;
  /** `page`: an HTML page of the site (listed in the sitemap); `not-found` and `feed` are not. */
  kind: 'page' | 'not-found' | 'feed';
  /** A hash of everything the file is made from. */
  key: string;
  /** The entries whose `articleHtml` rendering reads: prepared before any unit renders. */
  articles: PostEntry[];
  /** The file's content, under the site's base path. */
  render(): string;
}

export interface PageUnitsInput {
  ctx: PageContext;
  md: MarkdownIt;
  /** Newest first. */
  entries: PostEntry[];
  /** postDigest() of each entry. */
  digests: ReadonlyMap<PostEntry, string>;
  /** siteKey() of the build. */
  site: string;
  standalonePages: ParsedPage[];
}

/**
 * Every page and feed, in the order the site lists them: home pages, posts, tags, the report, standalone pages,
 * 404, feeds. A key holds what its file is made from: the site key (engine, config, theme), and the digest of
 * each post the file shows, so editing one post re-renders its page, its neighbours', its list and tag pages.
 */
export function pageUnits({ ctx, md, entries, digests, site, standalonePages }: PageUnitsInput): PageUnit[] {
  const digest = (entry: PostEntry | undefined) => (entry ? digests.get(entry)! : '-');
  // A theme's own piece may read any entry it is given (a home page of whole articles); the built-in ones read
  // only the post page's own article.
  const custom = { post: ctx.theme.postPage !== builtInPostPage, index: ctx.theme.indexPage !== builtInIndexPage, tag: ctx.theme.tagPage !== builtInTagPage, notFound: ctx.theme.notFound !== builtInNotFound };
  const page = (path: string, key: string, articles: PostEntry[], render: () => OutputFileData, kind: PageUnit['kind'] = 'page'): PageUnit => ({
    path,
    kind,
    key,
    articles,
    render: () => String(moveUnderBasePath(ctx.site, [render()])[0]!.content),
  });
  const empty = entries.length === 0;
  const groups = tagGroups(entries);
  const latest = entries.slice(0, NOT_FOUND_LATEST);
  const recent = entries.slice(0, FEED_LIMIT);
  const feeds = once(() => renderFeeds(ctx.site, recent));
  return [
    ...indexPages(ctx, entries).map((list) =>
      page(fileForUrl(list.url), unitKey('index', site, list.number, list.total, empty, ...list.items.map(digest)), custom.index ? list.items : [], () => renderIndexPage(ctx, list, empty)),
    ),
    ...entries.map((entry, i) => {
      const [newer, older] = [entries[i - 1], entries[i + 1]];
      const articles = custom.post ? [entry, ...(newer ? [newer] : []), ...(older ? [older] : [])] : [entry];
      return page(fileForUrl(entry.url), unitKey('post', site, digest(entry), digest(newer), digest(older)), articles, () => ({ path: fileForUrl(entry.url), content: renderPostPage({ ctx, md, entry, newer, older }) }));
    }),
    ...groups.map((group) => {
      return page(fileForUrl(tagUrl(group.names[0]!)), unitKey('tag', site, JSON.stringify(group.names), ...group.entries.map(digest)), custom.tag ? group.entries : [], () => renderTagPage(ctx, group));
    }),
    page(fileForUrl(TAGS_URL), unitKey('tags', site, JSON.stringify(tagIndexItems(groups))), [], () => renderTagIndex(ctx, groups)),
    page(fileForUrl(VERIFICATION_URL), unitKey('verification', site, ...entries.map(digest)), [], () => renderVerificationPage(ctx, entries, digests)),
    ...standalonePages.map((parsed) =>
      page(fileForUrl(parsed.page.url), unitKey('page', site, pageDigest(parsed)), [], () => ({ path: fileForUrl(parsed.page.url), content: renderPagePage({ ctx, md, parsed }) })),
    ),
    page('404.html', unitKey('404', site, ...latest.map(digest)), custom.notFound ? latest : [], () => renderNotFoundPage(ctx, entries), 'not-found'),
    // The three feeds are made together from the same items; each is a unit of its own in the cache.
    ...FEEDS.map((feed) => feed.url.slice(1)).map((path) => ({
      path,
      kind: 'feed' as const,
      key: unitKey('feed', path, site, ...recent.map(digest)),
      articles: recent,
      render: () => String(feeds().find((file) => file.path === path)!.content),
    })),
  ];
}

// A standalone page as rendering sees it (pages are few: hashing their tokens costs nothing).
function pageDigest(parsed: ParsedPage): string {
  return createHash('sha256').update(JSON.stringify({ page: parsed.page, tokens: parsed.tokens, env: parsed.env })).digest('hex');
}

function once<T>(compute: () => T): () => T {
  let value: { result: T } | undefined;
  return () => (value ??= { result: compute() }).result;
}
