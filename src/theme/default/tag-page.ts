// The built-in tag pages: one tag's posts, and the list of every tag with its count.
import { renderPostList } from '../../render/post-list.ts';
import { postCount } from '../../render/tag-page.ts';
import { TAGS_URL } from '../../render/urls.ts';
import { html, type SafeHtml } from '../../util/html.ts';
import type { TagIndexInput, TagPageInput } from '../contract.ts';

/** A tag's heading, its count with a link to every tag, and its posts. */
export function tagPage({ names, entries }: TagPageInput): SafeHtml {
  const name = names.join(' / ');
  return html`<h1>Posts tagged “${name}”</h1>
<p class="tag-count">${postCount(entries.length)} · <a href="${TAGS_URL}">all tags</a></p>
${renderPostList(entries)}`;
}

/** Every tag, linked, with how many posts carry it. */
export function tagIndex({ tags }: TagIndexInput): SafeHtml {
  return html`<h1>Tags</h1>
<ul class="tag-list">
${tags.map((tag) => html`<li><a rel="tag" href="${tag.url}">${tag.names.join(' / ')}</a> <span class="tag-count">(${tag.count})</span></li>\n`)}</ul>
`;
}
