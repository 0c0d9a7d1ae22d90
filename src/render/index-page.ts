// Stage 6h: the home page: every post, newest first, with date and tags.
import type { SiteInfo } from '../config/schema.ts';
import type { Post } from '../content/post.ts';
import { html } from '../util/html.ts';
import { renderLayout } from './layout.ts';
import { formatDate, postUrl, tagUrl } from './urls.ts';

/** Render `index.html` listing `posts` (already sorted newest first). */
export function renderIndexPage(site: SiteInfo, posts: Post[]): string {
  const items = posts.map(
    (post) => html`<li class="post-item">
<h2><a href="${postUrl(post)}">${post.title}</a></h2>
<p class="post-meta"><time datetime="${post.date.toISOString()}">${formatDate(post.date)}</time>${post.tags.length ? html` · ${post.tags.map((tag, i) => html`${i ? ', ' : ''}<a rel="tag" href="${tagUrl(tag)}">${tag}</a>`)}` : ''}</p>
${post.summary ? html`<p class="summary">${post.summary}</p>\n` : ''}</li>
`,
  );
  const body = html`<h1>${site.title}</h1>
${site.description ? html`<p class="site-description">${site.description}</p>\n` : ''}<ul class="post-list">
${items}</ul>
`;
  return renderLayout({ site, title: site.title, description: site.description, url: '/', body });
}
