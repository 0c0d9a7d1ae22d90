// Stage 6: the pieces lists of posts share: a post's meta line (dates, reading time, tags) and a list item with its summary.
import { html, raw, type SafeHtml } from '../util/html.ts';
import type { ListPage } from './pagination.ts';
import type { PostEntry } from './post-entry.ts';
import { formatDate, tagUrl, VERIFICATION_URL } from './urls.ts';
import { reportAnchor } from './verification-report.ts';
import { summarizeVerification } from './verification-summary.ts';

/**
 * A list shows this many of a post's tags, then "and N more" linking to the post. Every tag page lists its
 * posts, so listing all tags made a post with 4,000 tags write 4,000 × 4,000 links (60 s, 700 MB).
 */
export const LIST_TAGS = 10;

/**
 * `31 August 2006 · updated … · 5 min read · Tech, Python` with machine-readable dates and tag links; with
 * `maxTags`, the first that many tags and a link to the post for the rest.
 */
export function renderPostMeta(entry: PostEntry, { maxTags = Infinity }: { maxTags?: number } = {}): SafeHtml {
  const { post } = entry;
  const shown = post.tags.slice(0, maxTags);
  const more = post.tags.length - shown.length;
  const rest = more > 0 ? html`, <a href="${entry.url}">and ${more.toLocaleString('en')} more</a>` : '';
  return html`<p class="post-meta"><time datetime="${post.date.toISOString()}">${formatDate(post.date)}</time>${post.updated ? html` · updated <time datetime="${post.updated.toISOString()}">${formatDate(post.updated)}</time>` : ''} · <span class="reading-time">${entry.readingMinutes} min read</span>${post.tags.length ? html` · <span class="post-tags">${shown.map((tag, i) => html`${i ? ', ' : ''}<a rel="tag" href="${tagUrl(tag)}">${tag}</a>`)}${rest}</span>` : ''}</p>`;
}

/** A list of posts with title, meta line and summary (or the excerpt before `<!-- more -->`). `heading` is the level of each title. */
export function renderPostList(entries: PostEntry[], heading: 'h2' | 'h3' = 'h2'): SafeHtml {
  const items = entries.map(
    (entry) => html`<li class="post-item">
<${heading} class="post-item-title"><a href="${entry.url}">${entry.post.title}</a></${heading}>
${renderPostMeta(entry, { maxTags: LIST_TAGS })}
${renderListVerification(entry)}${renderSummary(entry)}</li>
`,
  );
  return html`<ul class="post-list">
${items}</ul>
`;
}

// `3 examples verified`, linked to the post's table in the report; nothing for a post with no examples that run.
function renderListVerification(entry: PostEntry): SafeHtml | string {
  const summary = summarizeVerification(entry.verified);
  if (!summary) return '';
  return html`<p class="post-verification"><a href="${VERIFICATION_URL}#${reportAnchor(entry)}">${summary}<span class="visually-hidden"> in “${entry.post.title}”</span></a></p>\n`;
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
