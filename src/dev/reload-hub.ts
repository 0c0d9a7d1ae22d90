// Server-Sent Events to the open pages: each page listens for the tag of its own path and reloads when it changes.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The open event streams of the dev server. */
export interface ReloadHub {
  /** Answer a page's EventSource request: the stream stays open and first gets the current tag of `path`. */
  connect(request: IncomingMessage, response: ServerResponse, path: string): void;
  /** Send every open page the tag of its path now (after a build, good or not). */
  publish(): void;
  /** How many pages listen (for the terminal and tests). */
  size(): number;
}

/**
 * A hub whose `tagOf(path)` says what a page at `path` is now. SSE rather than a WebSocket: the traffic is
 * one way, EventSource is in every browser and reconnects by itself, and node:http needs no library for it.
 */
export function createReloadHub(tagOf: (path: string) => string): ReloadHub {
  const clients = new Map<ServerResponse, string>();
  const send = (response: ServerResponse, path: string) => response.write(`data: ${tagOf(path)}\n\n`);
  return {
    connect(request, response, path) {
      response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      // Reconnect half a second after the server went away (a restart), not the browser's default of 3 s.
      response.write('retry: 500\n\n');
      send(response, path);
      clients.set(response, path);
      request.on('close', () => clients.delete(response));
    },
    publish() {
      for (const [response, path] of clients) send(response, path);
    },
    size: () => clients.size,
  };
}
