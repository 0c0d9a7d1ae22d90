// Stage 6j: Atom, RSS 2.0 and JSON Feed 1.1 with each post's full content, written with the `feed` package.
import { type Author, Feed, type Item } from 'feed';
import type { SiteInfo } from '../config/schema.ts';
import { escapeHtml } from '../util/html.ts';
import { checkboxesAsText, mathMlOnly } from './feed-html.ts';
import { pointFragmentsAt } from './in-page-links.ts';
import { stringifySafeJson } from './json.ts';
import { FEEDS } from './layout.ts';
import type { OutputFileData } from './output.ts';
import type { PostEntry } from './post-entry.ts';
import { absoluteUrl, tagUrl } from './urls.ts';

/** Posts in each feed (newest first). */
export const FEED_LIMIT = 20;

/** The three feed files for `entries` (newest first). */
export function renderFeeds(site: SiteInfo, entries: PostEntry[]): OutputFileData[] {
  const recent = entries.slice(0, FEED_LIMIT);
  const [atom, rss, json] = FEEDS;
  // Atom's entry titles and summaries are typed "html" and RSS readers treat them as HTML too, so the
  // plain text is escaped for those two, and an excerpt (before `<!-- more -->`) is their summary as is;
  // JSON Feed's `title` and `summary` are plain text by definition.
  const xml = createFeed(site, recent, {
    text: escapeHtml,
    summary: (entry) => (entry.excerptHtml === undefined ? escapeHtml(entry.summary) : feedContent(site, entry.excerptHtml, entry.url)),
  });
  const plain = createFeed(site, recent, { text: (text) => text, summary: (entry) => entry.summary });
  return [
    { path: atom.url.slice(1), content: xmlCharactersOnly(xml.atom1()) },
    { path: rss.url.slice(1), content: xmlCharactersOnly(xml.rss2()) },
    { path: json.url.slice(1), content: toJsonFeed11(plain.json1(), site) },
  ];
}

// Characters XML 1.0 cannot hold, even escaped: C0 controls but tab, newline and carriage return, lone
// surrogates, U+FFFE/U+FFFF. A post body may hold one (front matter may not); one made a reader reject all of atom.xml.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `xml` with each character XML cannot hold replaced by U+FFFD, as markdown-it replaces NUL. */
export function xmlCharactersOnly(xml: string): string {
  return xml.replace(NOT_XML, '\uFFFD');
}

/** How one feed format writes an item's title and summary. */
interface FeedText {
  text: (plain: string) => string;
  summary: (entry: PostEntry) => string;
}

function createFeed(site: SiteInfo, entries: PostEntry[], text: FeedText): Feed {
  const author = site.author ? { name: site.author, link: site.baseUrl } : undefined;
  const feed = new Feed({
    id: site.baseUrl,
    title: site.title,
    description: site.description,
    link: site.baseUrl,
    language: site.language,
    updated: latestDate(entries),
    generator: 'proofpress',
    copyright: site.author ? `© ${site.author}` : '',
    feedLinks: Object.fromEntries(FEEDS.map((entry) => [feedKey(entry.url), absoluteUrl(site, entry.url)])),
    author,
  });
  for (const entry of entries) feed.addItem(toItem(site, entry, text, author));
  return feed;
}

function toItem(site: SiteInfo, entry: PostEntry, text: FeedText, author: Author | undefined): Item {
  const url = absoluteUrl(site, entry.url);
  return {
    title: text.text(entry.post.title),
    id: url,
    link: url,
    date: entry.post.updated ?? entry.post.date,
    published: entry.post.date,
    description: text.summary(entry),
    content: feedContent(site, entry.articleHtml, entry.url),
    category: entry.post.tags.map((tag) => ({ name: tag, term: tag, domain: absoluteUrl(site, tagUrl(tag)) })),
    author: author ? [author] : undefined,
  };
}

/**
 * Article HTML for feed readers: root-relative links made absolute (in-page ones, such as footnotes, lead to
 * the post at `postUrl`), characters XML forbids removed, and the page's script-driven controls (copy buttons
 * and the `<template>` text they copy) left out, since feed readers run no scripts. Template content is
 * escaped text, so the first `</template>` closes it. Math is left as MathML and tasks' checkboxes as ☑/☐,
 * since readers apply no stylesheet and strip form controls.
 */
export function feedContent(site: SiteInfo, articleHtml: string, postUrl?: string): string {
  const withoutControls = articleHtml.replace(/<template\b[^>]*>[\s\S]*?<\/template>\n?|<button\b[^>]*>[\s\S]*?<\/button>/g, '');
  const readable = checkboxesAsText(mathMlOnly(postUrl === undefined ? withoutControls : pointFragmentsAt(withoutControls, postUrl)));
  return stripXmlInvalid(readable.replace(/(\s(?:href|src)=")\/(?!\/)/g, (_match, attr: string) => `${attr}${site.baseUrl}`));
}

/** Remove characters XML 1.0 cannot carry (terminal escapes in captured output, for example). */
export function stripXmlInvalid(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

// `feed` writes JSON Feed 1 (`author`); 1.1 replaces it with `authors` and adds `language`.
// https://www.jsonfeed.org/version/1.1/
function toJsonFeed11(json: string, site: SiteInfo): string {
  const data = JSON.parse(json) as Record<string, unknown> & { items: Record<string, unknown>[] };
  const { author, version: _version, ...rest } = data;
  const items = data.items.map(({ author: itemAuthor, ...item }) => ({ ...item, ...(itemAuthor ? { authors: [itemAuthor] } : {}) }));
  const feed = { version: 'https://jsonfeed.org/version/1.1', ...rest, language: site.language, ...(author ? { authors: [author] } : {}), items };
  return stringifySafeJson(feed);
}

function feedKey(url: string): string {
  return url.endsWith('.json') ? 'json' : url.startsWith('/atom') ? 'atom' : 'rss';
}

function latestDate(entries: PostEntry[]): Date {
  const times = entries.map((entry) => (entry.post.updated ?? entry.post.date).getTime());
  // An empty site still needs a stable date: the epoch rather than "now", so builds are reproducible.
  return new Date(times.length ? Math.max(...times) : 0);
}
