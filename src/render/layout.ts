// Stage 6f: the HTML shell every page shares: head, site header, main landmark, footer.
import type { SiteInfo } from '../config/schema.ts';
import { html, type SafeHtml } from '../util/html.ts';

export interface LayoutInput {
  site: SiteInfo;
  /** Page title (the site title is appended). */
  title: string;
  description?: string;
  /** Root-relative URL of the page, for the canonical link. */
  url: string;
  body: SafeHtml;
}

/** Wrap a page body in the shared document shell. */
export function renderLayout({ site, title, description, url, body }: LayoutInput): string {
  const fullTitle = title === site.title ? site.title : `${title} · ${site.title}`;
  const canonical = new URL(url.replace(/^\//, ''), site.baseUrl).href;
  return html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
${description ? html`<meta name="description" content="${description}">\n` : ''}<link rel="canonical" href="${canonical}">
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<header class="site-header"><a class="site-title" href="/">${site.title}</a></header>
<main id="main">
${body}</main>
<footer class="site-footer"><p>Built with proofpress: every example on this site was run when the site was built.</p></footer>
</body>
</html>
`.value.replace(/\n{3,}/g, '\n\n');
}
