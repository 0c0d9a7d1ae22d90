// run=http: the example starts its own HTTP server (`python simpletest.py`); proofpress requests it.
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
      argv: [sandbox.python, sandbox.fileName],
      runtime: { interpreter: `Python ${ctx.python.version}`, gateway: `HTTP server started by ${sandbox.fileName}`, isolation: ctx.isolationLabel },
    }),
};
