// `proofpress preview`'s HTTP side: the built site/ folder served as a static host serves it.
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { contentTypeOf } from '../serve/content-type.ts';
import { matchRedirect, parseRedirects } from '../serve/netlify-redirects.ts';
import { lookupUnderBase } from '../serve/base-path.ts';
import { requestUrl } from '../serve/request-url.ts';
import { lookupUrlPath } from '../serve/url-to-file.ts';

const HIDDEN = /(^|\/)\.(?!well-known\/)/;

/**
 * A server for `siteDir` that behaves like Netlify or GitHub Pages: `_redirects` rules (forced ones even
 * over a file), `/a` → 301 `/a/` for a folder, `index.html` for folders, the site's `404.html` with status
 * 404, no folder listings, ETag/304 and ranges. The folder is read on every request, so a `proofpress build`
 * in another terminal (which swaps site/ in one step) is served from its next request on.
 *
 * Which file answers is decided here (serve/url-to-file.ts, shared with `dev`); sirv then sends that
 * file, with its caching headers and range support, from disk.
 */
export function createPreviewServer(siteDir: string, { basePath = '/' }: { basePath?: string } = {}): Server {
  const send = sirv(siteDir, { dev: true, etag: true, dotfiles: false, extensions: [], setHeaders: (response, pathname) => response.setHeader('Content-Type', contentTypeOf(pathname)) });
  // `_redirects` is read by the host, not published; dotfiles (but .well-known/) are not served either.
  const isFile = (file: string) => file !== '_redirects' && !HIDDEN.test(file) && isFileOnDisk(path.join(siteDir, file));
  return createServer((request, response) => {
    try {
      answer(request, response);
    } catch (error) {
      // A request must never stop the server; the site folder may be mid-swap or unreadable.
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': contentTypeOf('error.txt') });
      response.end(`Could not serve ${request.url}: ${(error as Error).message}\n`);
    }
  });

  function answer(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = requestUrl(request.url ?? '/');
    // A site built for a baseUrl with a path lives under it (`/blog/`), as on its host; `_redirects` names full paths.
    const under = lookupUnderBase(url.pathname, basePath);
    if (under.kind === 'to-base') return redirectTo(response, 302, basePath);
    const found = under.kind === 'inside' ? lookupUrlPath(under.sitePath, isFile) : undefined;
    const redirect = matchRedirect(parseRedirects(readText(path.join(siteDir, '_redirects'))), url, found !== undefined);
    if (redirect) return redirectTo(response, redirect.status, redirect.to);
    if (found?.kind === 'slash') return redirectTo(response, 301, `${url.pathname}/${url.search}`);
    if (found) return sendFile(send, request, response, found.file);
    // Sent here, not by sirv, which would answer 200: a host's 404 page comes with status 404.
    const notFound = isFile('404.html') ? readFileSync(path.join(siteDir, '404.html')) : undefined;
    response.writeHead(404, { 'Content-Type': contentTypeOf(notFound ? '404.html' : '404.txt') }).end(notFound ?? 'Not found\n');
  }
}

// ENOENT and ENOTDIR (`_redirects/index.html`) both mean "no such file".
function isFileOnDisk(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

// sirv looks the file up again from the URL: hand it the file's own path, escaped so that its decodeURI
// gives the name back. `?` and `#` cannot survive that (decodeURI keeps %3F and %23); no output file of
// proofpress has them in its name.
function sendFile(send: ReturnType<typeof sirv>, request: IncomingMessage, response: ServerResponse, file: string): void {
  request.url = `/${encodeURI(file)}`;
  send(request, response, () => {
    response.writeHead(404).end(); // removed between the lookup and the send (a build swapping site/ in)
  });
}

function redirectTo(response: ServerResponse, status: number, location: string): void {
  response.writeHead(status, { Location: location, 'Content-Type': contentTypeOf('moved.txt') }).end(`Moved to ${location}\n`);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
