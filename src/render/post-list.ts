// Stage 6: the pieces lists of posts share: a post's meta line (dates, reading time, tags) and a list item with its summary.
import { html, raw, type SafeHtml } from '../util/html.ts';
import type { ListPage } from './pagination.ts';
import type { PostEntry } from './post-entry.ts';
import { formatDate, tagUrl } from './urls.ts';

/** `31 August 2006 · updated … · 5 min read · Tech, Python` with machine-readable dates and tag links. */
export function renderPostMeta(entry: PostEntry): SafeHtml {
  const { post } = entry;
  return html`<p class="post-meta"><time datetime="${post.date.toISOString()}">${formatDate(post.date)}</time>${post.updated ? html` · updated <time datetime="${post.updated.toISOString()}">${formatDate(post.updated)}</time>` : ''} · <span class="reading-time">${entry.readingMinutes} min read</span>${post.tags.length ? html` · <span class="post-tags">${post.tags.map((tag, i) => html`${i ? ', ' : ''}<a rel="tag" href="${tagUrl(tag)}">${tag}</a>`)}</span>` : ''}</p>`;
}

/** A list of posts with title, meta line and summary (or the excerpt before `<!-- more -->`). `heading` is the level of each title. */
export function renderPostList(entries: PostEntry[], heading: 'h2' | 'h3' = 'h2'): SafeHtml {
  const items = entries.map(
    (entry) => html`<li class="post-item">
<${heading} class="post-item-title"><a href="${entry.url}">${entry.post.title}</a></${heading}>
${renderPostMeta(entry)}
${renderSummary(entry)}</li>
`,
  );
  return html`<ul class="post-list">
${items}</ul>
`;
}

// The excerpt, and a link on to the rest whose name says which post (several share the page); else the plain summary.
function renderSummary(entry: PostEntry): SafeHtml | string {
  if (entry.excerptHtml !== undefined) {
    return html`<div class="summary excerpt">
${raw(entry.excerptHtml)}</div>
<p class="more-link"><a href="${entry.url}">Continue reading<span class="visually-hidden"> “${entry.post.title}”</span><span aria-hidden="true"> →</span></a></p>
`;
  }
  return entry.summary ? html`<p class="summary">${entry.summary}</p>\n` : '';
}

/** "Newer posts / Page 2 of 3 / Older posts" links of a paginated list (newest first). */
export function renderPager(page: ListPage<unknown>): SafeHtml | string {
  if (page.total <= 1) return '';
  return html`<nav class="pager" aria-label="Pages">
${page.prevUrl ? html`<a class="pager-newer" rel="prev" href="${page.prevUrl}">← Newer posts</a>\n` : ''}<span class="pager-position">Page ${page.number} of ${page.total}</span>
${page.nextUrl ? html`<a class="pager-older" rel="next" href="${page.nextUrl}">Older posts →</a>\n` : ''}</nav>
`;
}
