// Stage 6f: the HTML shell every page shares: head (canonical, OpenGraph, feeds, search), landmarks, skip link, footer.
import type { SiteInfo } from '../config/schema.ts';
import { html, raw, type SafeHtml } from '../util/html.ts';
import { FAVICON_URL } from './favicon.ts';
import { KATEX_STYLESHEET, usesMath } from './katex-assets.ts';
import { absoluteUrl, TAGS_URL, VERIFICATION_URL } from './urls.ts';

/** What every page of one build shares. */
export interface PageContext {
  site: SiteInfo;
  /** Root-relative URLs of the scripts loaded (deferred) by every page: the JavaScript files in assets/. */
  scripts: string[];
}

/** Files the search index step writes after rendering (Pagefind's own UI). */
export const SEARCH_UI = { script: '/pagefind/pagefind-ui.js', styles: '/pagefind/pagefind-ui.css' } as const;

/** The feeds every page advertises, by file. */
export const FEEDS = [
  { url: '/atom.xml', type: 'application/atom+xml', label: 'Atom' },
  { url: '/rss.xml', type: 'application/rss+xml', label: 'RSS' },
  { url: '/feed.json', type: 'application/feed+json', label: 'JSON Feed' },
] as const;

export interface LayoutInput {
  ctx: PageContext;
  /** Page title (the site title is appended). */
  title: string;
  description?: string;
  /** Root-relative URL of the page: its canonical link and og:url. */
  url: string;
  body: SafeHtml;
  /** OpenGraph type. @default "website" */
  type?: 'website' | 'article';
  /** Dates and tags of an article, for `article:*` OpenGraph properties. */
  article?: { published: Date; modified?: Date; tags: string[] };
  /** `<link rel="prev|next">` of paginated lists. */
  prevUrl?: string;
  nextUrl?: string;
  /** Keep the page out of search engines (redirect and error pages). */
  noindex?: boolean;
  /** Leave out the canonical link and og:url (the 404 page answers for any URL). */
  noCanonical?: boolean;
}

/** Wrap a page body in the shared document shell. */
export function renderLayout(input: LayoutInput): string {
  const { site } = input.ctx;
  const fullTitle = input.title === site.title ? site.title : `${input.title} · ${site.title}`;
  return html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<link rel="icon" href="${FAVICON_URL}" type="image/svg+xml">
${headMeta(input)}${FEEDS.map((feed) => html`<link rel="alternate" type="${feed.type}" title="${site.title} (${feed.label})" href="${feed.url}">\n`)}${usesMath(input.body.value) ? html`<link rel="stylesheet" href="${KATEX_STYLESHEET}">\n` : ''}<link rel="stylesheet" href="/assets/style.css">
<link rel="stylesheet" href="${SEARCH_UI.styles}">
${input.ctx.scripts.map((src) => html`<script src="${src}" defer></script>\n`)}<script src="${SEARCH_UI.script}" defer></script>
<script>${raw(SEARCH_INIT)}</script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<a class="site-title" href="/">${site.title}</a>
<nav class="site-nav" aria-label="Site"><ul>
<li><a href="/">Posts</a></li>
<li><a href="${TAGS_URL}">Tags</a></li>
<li><a href="${VERIFICATION_URL}">Verification</a></li>
<li><a href="${FEEDS[0].url}">Feed</a></li>
</ul></nav>
<div class="site-search" role="search" id="search"><noscript>Search needs JavaScript; every post is listed on the <a href="/">home page</a> and by <a href="${TAGS_URL}">tag</a>.</noscript></div>
</header>
<main id="main" tabindex="-1">
${input.body}</main>
<footer class="site-footer">
<p>${site.author ? html`© ${site.author} · ` : ''}Built with proofpress: every example on this site was run when the site was built (<a href="${VERIFICATION_URL}">verification report</a>).</p>
<p>Subscribe: ${FEEDS.map((feed, i) => html`${i ? ' · ' : ''}<a href="${feed.url}" type="${feed.type}">${feed.label}</a>`)}</p>
</footer>
</body>
</html>
`.value.replace(/\n{3,}/g, '\n\n');
}

// Pagefind's UI is created once its deferred script has run (DOMContentLoaded fires after deferred
// scripts). The guard keeps pages quiet where the index was not built (`proofpress check`, file://).
const SEARCH_INIT =
  "addEventListener('DOMContentLoaded',function(){if(window.PagefindUI)new PagefindUI({element:'#search',showSubResults:true,showImages:false})});";

function headMeta(input: LayoutInput): SafeHtml {
  const { site } = input.ctx;
  const canonical = input.noCanonical ? undefined : absoluteUrl(site, input.url);
  const description = input.description || site.description;
  const article = input.article;
  return html`${description ? html`<meta name="description" content="${description}">\n` : ''}${input.noindex ? html`<meta name="robots" content="noindex">\n` : ''}${canonical ? html`<link rel="canonical" href="${canonical}">\n` : ''}${input.prevUrl ? html`<link rel="prev" href="${input.prevUrl}">\n` : ''}${input.nextUrl ? html`<link rel="next" href="${input.nextUrl}">\n` : ''}<meta property="og:title" content="${input.title}">
<meta property="og:type" content="${input.type ?? 'website'}">
${canonical ? html`<meta property="og:url" content="${canonical}">\n` : ''}${description ? html`<meta property="og:description" content="${description}">\n` : ''}<meta property="og:site_name" content="${site.title}">
<meta property="og:locale" content="${site.language.replace('-', '_')}">
${article ? html`<meta property="article:published_time" content="${article.published.toISOString()}">
${article.modified ? html`<meta property="article:modified_time" content="${article.modified.toISOString()}">\n` : ''}${article.tags.map((tag) => html`<meta property="article:tag" content="${tag}">\n`)}` : ''}`;
}
