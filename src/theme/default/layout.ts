// The built-in page shell: head (canonical, OpenGraph, feeds, search, the owner's head extras), skip link, header, main, footer.
import { FEEDS, SEARCH_UI } from '../../render/layout.ts';
import { FAVICON_URL } from '../../render/favicon.ts';
import { KATEX_STYLESHEET, usesMath } from '../../render/katex-assets.ts';
import { absoluteUrl } from '../../render/urls.ts';
import { html, raw, type SafeHtml } from '../../util/html.ts';
import type { LayoutInput } from '../contract.ts';

/** Wrap a page body in the document shell. */
export function layout(input: LayoutInput): SafeHtml {
  const { site, theme } = input.ctx;
  const fullTitle = input.title === site.title ? site.title : `${input.title} · ${site.title}`;
  return html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<link rel="icon" href="${FAVICON_URL}" type="image/svg+xml">
${headMeta(input)}${FEEDS.map((feed) => html`<link rel="alternate" type="${feed.type}" title="${site.title} (${feed.label})" href="${feed.url}">\n`)}${usesMath(input.body.value) ? html`<link rel="stylesheet" href="${KATEX_STYLESHEET}">\n` : ''}${input.ctx.stylesheets.map((href) => html`<link rel="stylesheet" href="${href}">\n`)}${site.search ? html`<link rel="stylesheet" href="${SEARCH_UI.styles}">` : ''}
${input.ctx.scripts.map((src) => html`<script src="${src}" defer></script>\n`)}${site.search ? html`<script src="${SEARCH_UI.script}" defer></script>` : ''}
${site.search ? html`<script>${raw(SEARCH_INIT)}</script>\n` : ''}${site.head ? raw(`${site.head.trim()}\n`) : ''}</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
${theme.header({ ctx: input.ctx })}
<main id="main" tabindex="-1">
${input.body}</main>
${theme.footer({ ctx: input.ctx })}
</body>
</html>
`;
}

// Pagefind's UI is created once its deferred script has run (DOMContentLoaded fires after deferred
// scripts). The guard keeps pages quiet where the index was not built (`proofpress check`, file://).
// Pagefind 1.x names its input only by a `title` (axe: label-title-only, serious); the UI mounts
// synchronously, so the input then takes its form's translated name ("Search this site") as its label.
const SEARCH_INIT =
  "addEventListener('DOMContentLoaded',function(){if(!window.PagefindUI)return;new PagefindUI({element:'#search',showSubResults:true,showImages:false});var f=document.querySelector('#search form'),i=f&&f.querySelector('input');if(i)i.setAttribute('aria-label',f.getAttribute('aria-label')||'Search this site')});";

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
