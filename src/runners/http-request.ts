// Sends the one HTTP request an example is checked with and captures the exchange as the client saw it.
import http from 'node:http';
import type { HttpCapture } from './types.ts';

const BODY_CAP = 1024 * 1024;

export interface HttpRequestOptions {
  port: number;
  path: string;
  /** Host header: the address the article tells the reader to visit (e.g. `localhost:8000`). */
  host: string;
  timeoutMs: number;
}

/** GET `path` from 127.0.0.1:`port`; rejects on connection errors and on timeout. */
export function requestOnce(options: HttpRequestOptions): Promise<HttpCapture> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        host: '127.0.0.1',
        port: options.port,
        path: options.path,
        headers: { Host: options.host, 'User-Agent': 'proofpress', Connection: 'close' },
        timeout: options.timeoutMs,
        agent: false,
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
  });
}
