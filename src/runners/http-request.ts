// Sends the one HTTP request an example is checked with and captures the exchange as the client saw it.
import http from 'node:http';
import type net from 'node:net';
import type { HttpCapture } from './types.ts';

const BODY_CAP = 1024 * 1024;

export interface HttpRequestOptions {
  /** Opens the connection to the server (through the sandbox's bridge when the server is in a namespace). */
  connect: () => Promise<net.Socket>;
  path: string;
  /** Host header: the address the article tells the reader to visit (e.g. `localhost:8000`). */
  host: string;
  timeoutMs: number;
  /** @default 'GET' */
  method?: string;
  /** Headers as the post writes them (a Host among them replaces `host`). */
  headers?: [string, string][];
  /** Sent as UTF-8 with its Content-Length. */
  body?: string;
}

/** Send one request (GET `path` by default) over the connection `connect` opens; rejects on connection errors and on timeout. */
export function requestOnce(options: HttpRequestOptions): Promise<HttpCapture> {
  const written = options.headers ?? [];
  const has = (name: string) => written.some(([key]) => key.toLowerCase() === name.toLowerCase());
  const body = options.body ? Buffer.from(options.body, 'utf8') : undefined;
  // As a flat list, so the post's headers go out with its spelling and order; ours only where it wrote none.
  const headers = [
    ...(has('host') ? [] : ['Host', options.host]),
    ...(has('user-agent') ? [] : ['User-Agent', 'proofpress']),
    ...(has('connection') ? [] : ['Connection', 'close']),
    ...written.flat(),
    ...(body && !has('content-length') ? ['Content-Length', String(body.length)] : []),
  ];
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        // A connection made by hand gets no timeout from `timeout` below: set it on the socket itself.
        createConnection: ((_options: unknown, done: (error: Error | null, socket?: net.Socket) => void) => {
          options.connect().then(
            (socket) => {
              done(null, socket.setTimeout(options.timeoutMs));
              socket.resume(); // the server speaks only after our request, which the client sends next
            },
            (error: Error) => done(error),
          );
          return undefined;
        }) as unknown as http.RequestOptions['createConnection'],
        path: options.path,
        method: options.method ?? 'GET',
        headers,
        timeout: options.timeoutMs,

      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < BODY_CAP) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('error', reject);
        response.on('end', () => {
          const headers: [string, string][] = [];
          for (let i = 0; i < response.rawHeaders.length; i += 2) {
            headers.push([response.rawHeaders[i]!, response.rawHeaders[i + 1]!]);
          }
          resolve({
            statusLine: `HTTP/${response.httpVersion} ${response.statusCode} ${response.statusMessage ?? ''}`.trimEnd(),
            status: response.statusCode ?? 0,
            headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no HTTP response within ${options.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
