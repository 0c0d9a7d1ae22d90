// The dev server's HTTP side: pages from memory with the reload script added, and the event stream pages listen on.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { requestUrl } from '../serve/request-url.ts';
import { type DevState, pageTag, respond } from './dev-site.ts';
import type { ReloadHub } from './reload-hub.ts';
import { EVENTS_PATH, injectReloadScript } from './reload-script.ts';

/**
 * A server answering from `state()` (read per request, so a finished build is served from its next
 * request on) and connecting pages to `hub`. node:http without a framework: it serves a Map from memory
 * and one event stream, and sirv/polka serve folders from disk; `serve/` holds the host rules it shares
 * with `preview`.
 */
export function createDevServer(state: () => DevState, hub: ReloadHub): Server {
  return createServer((request, response) => {
    try {
      answer(request, response);
    } catch (error) {
      // A request must never stop the server (the writer would lose it mid-edit); this is a bug, said in the page.
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`proofpress dev could not answer ${request.url}: ${(error as Error).message}\n`);
    }
  });

  function answer(request: IncomingMessage, response: ServerResponse): void {
    const url = requestUrl(request.url ?? '/');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === EVENTS_PATH) {
      hub.connect(request, response, url.searchParams.get('path') ?? '/');
      return;
    }
    const current = state();
    const reply = respond(current, url);
    // The tag is of the page as built (without the script), the same that pageTag gives the event stream.
    const body = reply.html ? injectReloadScript(String(reply.body), pageTag(current, `${url.pathname}${url.search}`)) : reply.body;
    // no-store: a reload must fetch the page again, never show a copy from before the edit.
    response.writeHead(reply.status, { ...reply.headers, 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
    response.end(request.method === 'HEAD' ? undefined : body);
  }
}
