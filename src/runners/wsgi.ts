// run=wsgi: the example is a module exposing a WSGI callable; proofpress hosts it with wsgiref.
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { PYTHON_HELPERS_DIR } from './sandbox.ts';
import type { Runner } from './types.ts';
import { serveAndRequest } from './serve-and-request.ts';

/** Hosts `app=NAME` from the example module with proofpress's wsgiref host, then requests it. */
export const wsgiRunner: Runner = {
  kind: 'wsgi',
  run: async (example, sandbox, ctx) => {
    // The host lives outside workDir so the example's folder holds only what the post shows.
    const host = path.join(sandbox.root, 'wsgi_host.py');
    await copyFile(path.join(PYTHON_HELPERS_DIR, 'wsgi_host.py'), host);
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
