// Stage 6i: one page per tag listing its posts newest first, and /tags/ listing every tag with its count.
import { html } from '../util/html.ts';
import { type PageContext, renderLayout } from './layout.ts';
import type { OutputFileData } from './output.ts';
import type { PostEntry } from './post-entry.ts';
import { renderPostList } from './post-list.ts';
import { fileForUrl, TAGS_URL, tagSlug, tagUrl } from './urls.ts';

/** Every tag of `entries` with its posts (input order kept), tags sorted by name. */
export function groupByTag<T extends { post: { tags: string[] } }>(entries: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const entry of entries) for (const tag of entry.post.tags) groups.set(tag, [...(groups.get(tag) ?? []), entry]);
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

/** Render each tag's page and the tag index. Two tags with the same URL (`C++` and `c`) share one page. */
export function renderTagPages(ctx: PageContext, entries: PostEntry[]): OutputFileData[] {
  const bySlug = new Map<string, { names: string[]; entries: PostEntry[] }>();
  for (const [tag, tagged] of groupByTag(entries)) {
    const group = bySlug.get(tagSlug(tag)) ?? { names: [], entries: [] };
    group.names.push(tag);
    group.entries.push(...tagged.filter((entry) => !group.entries.includes(entry)));
    bySlug.set(tagSlug(tag), group);
  }
  const files = [...bySlug.values()].map(({ names, entries: tagged }) => {
    const sorted = entries.filter((entry) => tagged.includes(entry));
    const name = names.join(' / ');
    const count = `${sorted.length} post${sorted.length === 1 ? '' : 's'}`;
    const body = html`<h1>Posts tagged “${name}”</h1>
<p class="tag-count">${count} · <a href="${TAGS_URL}">all tags</a></p>
${renderPostList(sorted)}`;
    return { path: fileForUrl(tagUrl(names[0]!)), content: renderLayout({ ctx, title: `Tag: ${name}`, description: `${count} tagged “${name}”.`, url: tagUrl(names[0]!), body }) };
  });
  const index = html`<h1>Tags</h1>
<ul class="tag-list">
${[...bySlug.values()].map(({ names, entries: tagged }) => html`<li><a rel="tag" href="${tagUrl(names[0]!)}">${names.join(' / ')}</a> <span class="tag-count">(${tagged.length})</span></li>\n`)}</ul>
`;
  files.push({ path: fileForUrl(TAGS_URL), content: renderLayout({ ctx, title: 'Tags', description: 'Every tag of this site.', url: TAGS_URL, body: index }) });
  return files;
}
