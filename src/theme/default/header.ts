// The built-in site header: the site's title, its navigation (`site.nav`, else the built-in links) and the search box.
import { FEEDS } from '../../render/layout.ts';
import { TAGS_URL, VERIFICATION_URL } from '../../render/urls.ts';
import { html, type SafeHtml } from '../../util/html.ts';
import type { ChromeInput } from '../contract.ts';

/** The links the header shows when the config sets no `site.nav`. */
export const DEFAULT_NAV = [
  { text: 'Posts', href: '/' },
  { text: 'Tags', href: TAGS_URL },
  { text: 'Verification', href: VERIFICATION_URL },
  { text: 'Feed', href: FEEDS[0].url },
] as const;

/** The header landmark with title, navigation and search. */
export function header({ ctx }: ChromeInput): SafeHtml {
  const { site } = ctx;
  return html`<header class="site-header">
<a class="site-title" href="/">${site.title}</a>
<nav class="site-nav" aria-label="Site"><ul>
${(site.nav ?? DEFAULT_NAV).map((link) => html`<li><a href="${link.href}">${link.text}</a></li>\n`)}</ul></nav>
${site.search ? html`<div class="site-search" role="search" id="search"><noscript>Search needs JavaScript; every post is listed on the <a href="/">home page</a> and by <a href="${TAGS_URL}">tag</a>.</noscript></div>\n` : ''}</header>`;
}
