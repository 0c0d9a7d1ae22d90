// run=scgi: the example is an SCGI server (flup's scgi.WSGIServer and the like), started as written, with nginx in front speaking SCGI to it.
import { firstListeningAddress, runBehindNginx } from './cgi/behind-nginx.ts';
import type { NginxInstall } from './fastcgi/nginx.ts';
import { installedVersion } from './python-packages.ts';
import type { Runner, RuntimeInfo } from './types.ts';

/**
 * Starts the example with the post's Python (`python server.scgi`, as flup's own docs start theirs), waits
 * for the port it binds, whatever the code says (flup's default is ('localhost', 4000)), and points
 * nginx's `scgi_pass` there; proofpress requests nginx. The code is never rewritten.
 */
export const scgiRunner: Runner = {
  kind: 'scgi',
  run: async (example, sandbox, ctx) => {
    // flup is named on the page when the example uses it (directly or through a `with=` file).
    const usesFlup = [example.code, ...example.companions.map((file) => file.code)].some((code) => /\bflup\b/.test(code));
    const flup = usesFlup ? await installedVersion(ctx.python, 'flup') : undefined;
    const runtime = (nginx: NginxInstall | undefined): RuntimeInfo => ({
      interpreter: `Python ${ctx.python.version}`,
      gateway: `SCGI server ${sandbox.fileName}, started with python`,
      frontEnd: nginx ? `nginx ${nginx.version}` : 'nginx (not installed)',
      components: { ...(flup ? { flup } : {}), ...(nginx ? { nginx: nginx.version } : {}) },
      isolation: ctx.isolationLabel,
    });
    return runBehindNginx({
      example,
      sandbox,
      ctx,
      name: sandbox.fileName,
      argv: [sandbox.python, sandbox.fileName],
      listening: (server) => firstListeningAddress(server, sandbox),
      upstream: (address) => ({ protocol: 'scgi', address }),
      logLabel: `${sandbox.fileName} and nginx`,
      runtime,
    });
  },
};
