// run=http: the example starts its own HTTP server (`python simpletest.py`); proofpress requests it.
import path from 'node:path';
import type { Runner } from './types.ts';
import { serveAndRequest } from './serve-and-request.ts';

/** Runs the example file with Python and requests the port it listens on. */
export const httpRunner: Runner = {
  kind: 'http',
  run: (example, sandbox, ctx) =>
    serveAndRequest({
      example,
      sandbox,
      ctx,
      command: ctx.python.executable,
      args: [sandbox.fileName],
      runtime: { python: ctx.python.version, gateway: `HTTP server started by ${path.basename(sandbox.fileName)}` },
    }),
};
