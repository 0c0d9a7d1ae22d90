// Stage 6h: the home page: posts newest first with dates, tags and summaries, paginated as /, /page/2/, …
import { type PageContext, renderLayout } from './layout.ts';
import type { OutputFileData } from './output.ts';
import { paginate } from './pagination.ts';
import type { PostEntry } from './post-entry.ts';
import { fileForUrl, homePageUrl } from './urls.ts';

/** Render every page of the home page for `entries` (already sorted newest first). */
export function renderIndexPages(ctx: PageContext, entries: PostEntry[]): OutputFileData[] {
  const { site } = ctx;
  return paginate(entries, site.postsPerPage, homePageUrl).map((page) => {
    const body = ctx.theme.indexPage({ ctx, page, empty: entries.length === 0 });
    const title = page.number === 1 ? site.title : `Posts, page ${page.number}`;
    const content = renderLayout({ ctx, title, description: site.description, url: page.url, body, prevUrl: page.prevUrl, nextUrl: page.nextUrl });
    return { path: fileForUrl(page.url), content };
  });
}
