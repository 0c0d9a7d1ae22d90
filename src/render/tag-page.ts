// Stage 6i: one page per tag listing its posts, newest first.
import type { SiteInfo } from '../config/schema.ts';
import type { Post } from '../content/post.ts';
import { html } from '../util/html.ts';
import { renderLayout } from './layout.ts';
import { formatDate, postUrl, tagUrl } from './urls.ts';

/** Every tag of `posts` with its posts (input order kept). */
export function groupByTag(posts: Post[]): Map<string, Post[]> {
  const groups = new Map<string, Post[]>();
  for (const post of posts) for (const tag of post.tags) groups.set(tag, [...(groups.get(tag) ?? []), post]);
  return groups;
}

/** Render the page of `tag`. */
export function renderTagPage(site: SiteInfo, tag: string, posts: Post[]): string {
  const body = html`<h1>Posts tagged “${tag}”</h1>
<ul class="post-list">
${posts.map((post) => html`<li class="post-item"><a href="${postUrl(post)}">${post.title}</a> <time datetime="${post.date.toISOString()}">${formatDate(post.date)}</time></li>\n`)}</ul>
`;
  return renderLayout({ site, title: `Tag: ${tag}`, url: tagUrl(tag), body });
}
