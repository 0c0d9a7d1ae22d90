// run=wsgi: the example is a module exposing a WSGI callable; proofpress hosts it with wsgiref.
import path from 'node:path';
import type { Runner } from './types.ts';
import { serveAndRequest } from './serve-and-request.ts';

/** Hosts `app=NAME` from the example module with proofpress's wsgiref host, then requests it. */
export const wsgiRunner: Runner = {
  kind: 'wsgi',
  run: (example, sandbox, ctx) => {
    const moduleName = path.basename(sandbox.fileName, path.extname(sandbox.fileName));
    return serveAndRequest({
      example,
      sandbox,
      ctx,
      argv: [sandbox.python, sandbox.helper('wsgi_host.py'), moduleName, example.spec.app ?? 'application'],
      runtime: { interpreter: `Python ${ctx.python.version}`, gateway: `wsgiref WSGI host (proofpress) serving ${moduleName}.${example.spec.app}`, isolation: ctx.isolationLabel },
    });
  },
};
