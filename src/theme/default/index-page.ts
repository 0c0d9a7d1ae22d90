// The built-in home page body: the site's heading, then one page of posts newest first with the pager.
import { renderPager, renderPostList } from '../../render/post-list.ts';
import { html, type SafeHtml } from '../../util/html.ts';
import type { IndexPageInput } from '../contract.ts';

/** The heading (the site's on page 1, "Posts, page N of M" after), the posts and the pager. */
export function indexPage({ ctx, page, empty }: IndexPageInput): SafeHtml {
  const { site } = ctx;
  return html`${page.number === 1 ? html`<h1 class="site-heading">${site.title}</h1>\n${site.description ? html`<p class="site-description">${site.description}</p>\n` : ''}` : html`<h1 class="site-heading">Posts, page ${page.number} of ${page.total}</h1>\n`}${empty ? html`<p>No posts yet.</p>\n` : renderPostList(page.items)}${renderPager(page)}`;
}
