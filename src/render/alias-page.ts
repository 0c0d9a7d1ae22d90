// Stage 6o: a small page at each old path of a post that sends readers (and search engines) to the post.
import type { SiteInfo } from '../config/schema.ts';
import { html } from '../util/html.ts';
import type { OutputFileData } from './output.ts';
import type { Redirect } from './redirects.ts';
import { absoluteUrl, decodeUrlPath, fileForUrl } from './urls.ts';

/** The redirect page of a path redirect: meta refresh, canonical link to the post, a visible link, noindex. */
export function renderAliasPage(site: SiteInfo, redirect: Redirect): OutputFileData {
  const target = absoluteUrl(site, redirect.to);
  const content = html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<title>Moved: ${redirect.title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${target}">
<meta http-equiv="refresh" content="0; url=${redirect.to}">
</head>
<body>
<p>This post has moved to <a href="${redirect.to}">${redirect.title}</a>.</p>
</body>
</html>
`.value;
  return { path: fileForUrl(decodeUrlPath(redirect.fromPath)), content };
}
