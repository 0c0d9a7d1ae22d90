// Stage 6h: the home page: posts newest first with dates, tags and summaries, paginated as /, /page/2/, …
import { type PageContext, renderLayout } from './layout.ts';
import type { OutputFileData } from './output.ts';
import { type ListPage, paginate } from './pagination.ts';
import type { PostEntry } from './post-entry.ts';
import { fileForUrl, homePageUrl } from './urls.ts';

/** The pages of the home page's list for `entries` (already sorted newest first). */
export function indexPages(ctx: PageContext, entries: PostEntry[]): ListPage<PostEntry>[] {
  return paginate(entries, ctx.site.postsPerPage, homePageUrl);
}

/** One page of the home page's list; `empty` when the site has no post at all. */
export function renderIndexPage(ctx: PageContext, page: ListPage<PostEntry>, empty: boolean): OutputFileData {
  const { site } = ctx;
  const body = ctx.theme.indexPage({ ctx, page, empty });
  const title = page.number === 1 ? site.title : `Posts, page ${page.number}`;
  const content = renderLayout({ ctx, title, description: site.description, url: page.url, body, prevUrl: page.prevUrl, nextUrl: page.nextUrl });
  return { path: fileForUrl(page.url), content };
}
