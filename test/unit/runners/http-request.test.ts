// Tests requestOnce against real sockets: the exchange as the client saw it, and its timeout on a server that never answers.
import net from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { requestOnce } from '../../../src/runners/http-request.ts';

const servers: net.Server[] = [];
const connections: net.Socket[] = [];
afterEach(async () => {
  // close() waits for open connections, and the silent server's never ends by itself.
  for (const socket of connections.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A loopback TCP server that handles each connection with `onConnection`; resolves with its port. */
async function serve(onConnection: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer((socket) => {
    connections.push(socket);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  return (server.address() as net.AddressInfo).port;
}

describe('runners/http-request', () => {
  test('sends GET with the Host header the article names, over the connection it is given, and captures the raw exchange', async () => {
    let request = '';
    const port = await serve((socket) =>
      socket.once('data', (chunk) => {
        request = chunk.toString('latin1');
        socket.end('HTTP/1.0 404 Not Found\r\nContent-type: text/plain\r\n\r\nno such page\n');
      }),
    );

    const capture = await requestOnce({ connect: async () => net.connect(port, '127.0.0.1'), path: '/nowhere', host: 'localhost:8000', timeoutMs: 5000 });

    expect(request).toMatch(/^GET \/nowhere HTTP\/1\.1\r\n/);
    expect(request).toContain('\r\nHost: localhost:8000\r\n');
    expect(capture).toEqual({ statusLine: 'HTTP/1.0 404 Not Found', status: 404, headers: [['Content-type', 'text/plain']], body: 'no such page\n' });
  });

  test('rejects within its timeout when the server accepts the connection but never answers', async () => {
    const port = await serve(() => {});
    const before = performance.now();

    const outcome = await Promise.race([
      requestOnce({ connect: async () => net.connect(port, '127.0.0.1'), path: '/', host: 'localhost:8000', timeoutMs: 300 }).then(
        () => 'answered',
        (error: Error) => error.message,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 3 s'), 3000)),
    ]);

    expect(outcome).toBe('no HTTP response within 300 ms');
    expect(performance.now() - before).toBeLessThan(1500);
  });
});
