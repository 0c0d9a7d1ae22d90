// What the dev server answers, from the last good build held in memory (or the latest build's error): pure, no I/O.
import { createHash } from 'node:crypto';
import type { OutputFileData } from '../render/output.ts';
import { contentTypeOf } from '../serve/content-type.ts';
import { matchRedirect, parseRedirects, type RedirectRule } from '../serve/netlify-redirects.ts';
import { lookupUnderBase } from '../serve/base-path.ts';
import { requestUrl } from '../serve/request-url.ts';
import { lookupUrlPath } from '../serve/url-to-file.ts';
import { renderErrorPage } from './error-page.ts';

/** A built site in memory. */
export interface DevSite {
  /** Every output file by its path relative to the site root (`2024/01/10/post/index.html`). */
  files: ReadonlyMap<string, string | Uint8Array>;
  redirects: readonly RedirectRule[];
  /** A hash of the files every page loads (stylesheet, scripts): a change there reloads every page. */
  assetsTag: string;
  /** The path of `site.baseUrl` (`/blog/`): pages link under it, so they are served there. */
  basePath: string;
}

/** What the dev server serves now. */
export interface DevState {
  /** The last build that succeeded; kept while a rebuild runs and while builds fail. */
  site?: DevSite;
  /** The latest build's error, as text, while the latest build failed. */
  failure?: string;
}

/** One answer; `html` marks a page the reload script goes into. */
export interface DevResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
  html: boolean;
}

// Netlify reads `_redirects` and does not publish it.
const HOST_ONLY_FILES = new Set(['_redirects']);

/** The site of a build's files. */
export function siteOf(files: readonly OutputFileData[], basePath = '/'): DevSite {
  const map = new Map(files.map((file) => [file.path, file.content]));
  const assets = files.filter((file) => file.path.startsWith('assets/')).sort((a, b) => a.path.localeCompare(b.path));
  const hash = createHash('sha256');
  for (const asset of assets) hash.update(`${asset.path}\0`).update(asset.content).update('\0');
  const redirects = map.get('_redirects');
  return { files: map, redirects: redirects === undefined ? [] : parseRedirects(String(redirects)), assetsTag: hash.digest('hex'), basePath };
}

/** The answer to `url` as a static host would give it (see serve/), or the error page while the latest build failed. */
export function respond(state: DevState, url: URL): DevResponse {
  const { site, failure } = state;
  const isFile = (file: string) => site !== undefined && site.files.has(file) && !HOST_ONLY_FILES.has(file);
  const under = lookupUnderBase(url.pathname, site?.basePath ?? '/');
  if (under.kind === 'to-base') return { status: 302, headers: { Location: site!.basePath }, body: '', html: false };
  const found = under.kind === 'inside' ? lookupUrlPath(under.sitePath, isFile) : undefined;
  if (failure !== undefined || !site) {
    // Stylesheets and scripts of the last good build stay available; every page shows the error.
    if (site && found?.kind === 'file' && !found.file.endsWith('.html')) return fileResponse(site, found.file, 200);
    const page = failure === undefined ? renderErrorPage({ heading: 'The site is being built', text: 'The first build is running.' }) : renderErrorPage({ heading: 'The site did not build', text: failure });
    return { status: failure === undefined ? 503 : 500, headers: { 'Content-Type': contentTypeOf('error.html') }, body: page, html: true };
  }
  const redirect = matchRedirect(site.redirects, url, found !== undefined);
  if (redirect) return { status: redirect.status, headers: { Location: redirect.to }, body: '', html: false };
  if (found?.kind === 'slash') return { status: 301, headers: { Location: `${url.pathname}/${url.search}` }, body: '', html: false };
  if (found) return fileResponse(site, found.file, 200);
  if (site.files.has('404.html')) return fileResponse(site, '404.html', 404);
  return { status: 404, headers: { 'Content-Type': contentTypeOf('404.txt') }, body: 'Not found\n', html: false };
}

/**
 * What the page at `path` (a pathname with its query) is now, as a short hash: its status and content,
 * plus the site's assets for HTML pages. The reload script compares it with the tag it was served with.
 */
export function pageTag(state: DevState, path: string): string {
  const response = respond(state, requestUrl(path));
  const hash = createHash('sha256').update(`${response.status}\0${response.headers.Location ?? ''}\0`).update(response.body);
  if (response.html && state.failure === undefined) hash.update(`\0${state.site?.assetsTag ?? ''}`);
  return hash.digest('hex').slice(0, 16);
}

function fileResponse(site: DevSite, file: string, status: number): DevResponse {
  const type = contentTypeOf(file);
  return { status, headers: { 'Content-Type': type }, body: site.files.get(file)!, html: type.startsWith('text/html') };
}
