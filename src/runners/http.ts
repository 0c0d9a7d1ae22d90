// run=http: the example starts its own HTTP server (`python simpletest.py`, `node server.js`); proofpress requests it.
import { languageRunner } from './languages.ts';
import type { Runner } from './types.ts';
import { serveAndRequest } from './serve-and-request.ts';

/** Runs the example file with its language's interpreter and requests the port it listens on. */
export const httpRunner: Runner = {
  kind: 'http',
  run: (example, sandbox, ctx) => {
    const language = languageRunner(example);
    return serveAndRequest({
      example,
      sandbox,
      ctx,
      argv: language.command(sandbox, sandbox.fileName, example.spec.lang),
      runtime: { interpreter: language.describe(ctx, example.spec.lang), gateway: `HTTP server started by ${sandbox.fileName}`, isolation: ctx.isolationLabel },
    });
  },
};
