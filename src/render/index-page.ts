// Stage 6h: the home page: posts newest first with dates, tags and summaries, paginated as /, /page/2/, …
import { html } from '../util/html.ts';
import { type PageContext, renderLayout } from './layout.ts';
import type { OutputFileData } from './output.ts';
import { paginate } from './pagination.ts';
import type { PostEntry } from './post-entry.ts';
import { renderPager, renderPostList } from './post-list.ts';
import { fileForUrl, homePageUrl } from './urls.ts';

/** Render every page of the home page for `entries` (already sorted newest first). */
export function renderIndexPages(ctx: PageContext, entries: PostEntry[]): OutputFileData[] {
  const { site } = ctx;
  return paginate(entries, site.postsPerPage, homePageUrl).map((page) => {
    const first = page.number === 1;
    const body = html`${first ? html`<h1 class="site-heading">${site.title}</h1>\n${site.description ? html`<p class="site-description">${site.description}</p>\n` : ''}` : html`<h1 class="site-heading">Posts, page ${page.number} of ${page.total}</h1>\n`}${entries.length ? renderPostList(page.items) : html`<p>No posts yet.</p>\n`}${renderPager(page)}`;
    const title = first ? site.title : `Posts, page ${page.number}`;
    const content = renderLayout({ ctx, title, description: site.description, url: page.url, body, prevUrl: page.prevUrl, nextUrl: page.nextUrl });
    return { path: fileForUrl(page.url), content };
  });
}
