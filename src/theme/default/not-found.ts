// The built-in 404 body: static hosts serve it for any missing URL, so it links only with root-relative URLs.
import { renderPostList } from '../../render/post-list.ts';
import { TAGS_URL } from '../../render/urls.ts';
import { html, type SafeHtml } from '../../util/html.ts';
import type { NotFoundInput } from '../contract.ts';

/** "Page not found", where to go instead, and the latest posts. */
export function notFound({ ctx, latest }: NotFoundInput): SafeHtml {
  return html`<h1>Page not found</h1>
<p>There is no page at this address. It may have moved: try ${ctx.site.search ? 'the search above, ' : ''}the <a href="/">home page</a> or the <a href="${TAGS_URL}">tags</a>.</p>
${latest.length ? html`<h2>Latest posts</h2>\n${renderPostList(latest, 'h3')}` : ''}`;
}
