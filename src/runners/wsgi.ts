// run=wsgi: the example is a module exposing a WSGI callable; proofpress hosts it with wsgiref.
import path from 'node:path';
import { copyHelper } from './sandbox.ts';
import type { Runner } from './types.ts';
import { serveAndRequest } from './serve-and-request.ts';

/** Hosts `app=NAME` from the example module with proofpress's wsgiref host, then requests it. */
export const wsgiRunner: Runner = {
  kind: 'wsgi',
  run: async (example, sandbox, ctx) => {
    const host = await copyHelper(sandbox, 'wsgi_host.py');
    const moduleName = path.basename(sandbox.fileName, path.extname(sandbox.fileName));
    return serveAndRequest({
      example,
      sandbox,
      ctx,
      command: ctx.python.executable,
      args: [host, moduleName, example.spec.app ?? 'application'],
      runtime: { python: ctx.python.version, gateway: `wsgiref WSGI host (proofpress) serving ${moduleName}.${example.spec.app}` },
    });
  },
};
