// Start an HTTP server on a host and port, turning "port taken" and "address not here" into errors with hints.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServeError } from './serve-error.ts';

/** Listen on `host:port` (0: a free port); resolves with the URL pages are served at. */
export async function listen(server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(listenError(error, host, port));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shown}:${address.port}/`;
}

/** Close `server` now: open connections (event streams, keep-alive sockets) are ended rather than waited for. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): ServeError {
  if (error.code === 'EADDRINUSE') {
    return new ServeError(`Port ${port} on ${host} is already in use`, { hint: `Stop what serves it, or choose another port: --port ${port + 1}.`, cause: error });
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new ServeError(`Cannot listen on ${host}: this machine has no such address`, { hint: 'Use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface).', cause: error });
  }
  if (error.code === 'EACCES') {
    return new ServeError(`Not allowed to listen on port ${port}`, { hint: 'Ports below 1024 need privileges: use --port 4000 or another high port.', cause: error });
  }
  return new ServeError(`Cannot listen on ${host}:${port}: ${error.message}`, { cause: error });
}
