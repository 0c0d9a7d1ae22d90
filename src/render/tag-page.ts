// Stage 6i: one page per tag listing its posts newest first, and /tags/ listing every tag with its count.
import { type PageContext, renderLayout } from './layout.ts';
import type { OutputFileData } from './output.ts';
import type { PostEntry } from './post-entry.ts';
import { fileForUrl, TAGS_URL, tagSlug, tagUrl } from './urls.ts';

/** Every tag of `entries` with its posts (input order kept), tags sorted by name. */
export function groupByTag<T extends { post: { tags: string[] } }>(entries: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  // Pushed, not copied: a copy per post made a tag with many posts quadratic.
  for (const entry of entries) for (const tag of entry.post.tags) (groups.get(tag) ?? groups.set(tag, []).get(tag)!).push(entry);
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

/** `1 post`, `3 posts`. */
export function postCount(count: number): string {
  return `${count} post${count === 1 ? '' : 's'}`;
}

/** The posts of one tag page: the tags sharing its URL and their posts, newest first. */
export interface TagGroup {
  names: string[];
  entries: PostEntry[];
}

/** The tag pages of `entries`, in tag order. Two tags with the same URL (`C++` and `c`) share one page. */
export function tagGroups(entries: PostEntry[]): TagGroup[] {
  // Sets, not `includes`: each lookup stays constant however many posts a tag has.
  const bySlug = new Map<string, { names: string[]; entries: Set<PostEntry> }>();
  for (const [tag, tagged] of groupByTag(entries)) {
    const group = bySlug.get(tagSlug(tag)) ?? { names: [], entries: new Set<PostEntry>() };
    group.names.push(tag);
    for (const entry of tagged) group.entries.add(entry);
    bySlug.set(tagSlug(tag), group);
  }
  const order = new Map(entries.map((entry, index) => [entry, index]));
  // Newest first, as `entries`.
  return [...bySlug.values()].map(({ names, entries: tagged }) => ({ names, entries: [...tagged].sort((a, b) => order.get(a)! - order.get(b)!) }));
}

/** The page of one tag (or of the tags sharing its URL). */
export function renderTagPage(ctx: PageContext, { names, entries }: TagGroup): OutputFileData {
  const name = names.join(' / ');
  const url = tagUrl(names[0]!);
  const body = ctx.theme.tagPage({ ctx, names, entries });
  return { path: fileForUrl(url), content: renderLayout({ ctx, title: `Tag: ${name}`, description: `${postCount(entries.length)} tagged “${name}”.`, url, body }) };
}

/** `/tags/`: every tag with its count. */
export function renderTagIndex(ctx: PageContext, groups: TagGroup[]): OutputFileData {
  const tags = tagIndexItems(groups);
  return { path: fileForUrl(TAGS_URL), content: renderLayout({ ctx, title: 'Tags', description: 'Every tag of this site.', url: TAGS_URL, body: ctx.theme.tagIndex({ ctx, tags }) }) };
}

/** What the tag index lists. */
export function tagIndexItems(groups: TagGroup[]): { names: string[]; url: string; count: number }[] {
  return groups.map(({ names, entries }) => ({ names, url: tagUrl(names[0]!), count: entries.length }));
}
