// Stage 6l: 404.html, which static hosts serve for any missing URL: so it links only with root-relative URLs.
import { html } from '../util/html.ts';
import { type PageContext, renderLayout } from './layout.ts';
import type { OutputFileData } from './output.ts';
import type { PostEntry } from './post-entry.ts';
import { renderPostList } from './post-list.ts';
import { TAGS_URL } from './urls.ts';

/** The "page not found" page, with the latest posts as somewhere to go next. */
export function renderNotFoundPage(ctx: PageContext, entries: PostEntry[]): OutputFileData {
  const body = html`<h1>Page not found</h1>
<p>There is no page at this address. It may have moved: try the search above, the <a href="/">home page</a> or the <a href="${TAGS_URL}">tags</a>.</p>
${entries.length ? html`<h2>Latest posts</h2>\n${renderPostList(entries.slice(0, 5), 'h3')}` : ''}`;
  return { path: '404.html', content: renderLayout({ ctx, title: 'Page not found', url: '/404.html', body, noindex: true, noCanonical: true }) };
}
