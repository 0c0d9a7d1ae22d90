// A tiny static file server for the end-to-end test: serves a built site on 127.0.0.1, 404 → 404.html.
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

/** A running server; `close` ends open connections too, so no socket outlives the test. */
export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** The file a URL path names inside `root`, or undefined when it escapes root or does not exist. */
async function resolveFile(root: string, urlPath: string): Promise<string | undefined> {
  const relative = decodeURIComponent(urlPath.split('?')[0]!).replace(/\/$/, '/index.html');
  const file = path.join(root, relative);
  if (!file.startsWith(root + path.sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) return resolveFile(root, `${urlPath}/`);
  return info?.isFile() ? file : undefined;
}

/** Serve `root` on 127.0.0.1 at a free port, under `basePath` (a site whose baseUrl has a path is deployed there). */
export async function serveStatic(root: string, basePath = '/'): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    const url = request.url ?? '/';
    const file = url.startsWith(basePath) ? await resolveFile(root, `/${url.slice(basePath.length)}`) : undefined;
    const notFound = path.join(root, '404.html');
    const chosen = file ?? ((await stat(notFound).catch(() => undefined)) ? notFound : undefined);
    response.statusCode = file ? 200 : 404;
    response.setHeader('Content-Type', chosen ? (TYPES[path.extname(chosen)] ?? 'application/octet-stream') : 'text/plain');
    response.end(chosen ? await readFile(chosen) : 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
