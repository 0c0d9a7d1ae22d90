// run=cgi: the example is a CGI script, run per request as a web server runs one: nginx in front, fcgiwrap executing the file.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { tailLines } from '../util/text.ts';
import { firstListeningAddress, notRun, runBehindNginx } from './cgi/behind-nginx.ts';
import { fcgiwrapCommand, findFcgiwrap, type FcgiwrapInstall } from './cgi/fcgiwrap.ts';
import { describeShebang, shebangOf } from './cgi/shebang.ts';
import { findNginx, type NginxInstall, pickFreePort } from './fastcgi/nginx.ts';
import { delay } from './process.ts';
import { INSIDE } from './sandbox/bwrap-args.ts';
import type { Sandbox, SandboxRun } from './sandbox.ts';
import type { HttpCapture, RunContext, Runner, RuntimeInfo } from './types.ts';

// Where fcgiwrap listens in a network namespace of its own: the port of Debian's fcgiwrap examples and spawn-fcgi's docs.
const PRIVATE_FCGIWRAP_PORT = 9000;
const SOCKET_NAME = 'fcgiwrap.sock';
const POLL_MS = 2;

/** Runs the example file through nginx and fcgiwrap, one fresh process per request, as a CGI script is run. */
export const cgiRunner: Runner = {
  kind: 'cgi',
  run: async (example, sandbox, ctx) => {
    const fcgiwrap = await findFcgiwrap();
    const shebang = shebangOf(example.code);
    const runtime = (nginx: NginxInstall | undefined) => describeRuntime({ ctx, sandbox, fcgiwrap, nginx, shebang });
    if (!fcgiwrap) {
      return notRun('run=cgi runs the script with fcgiwrap behind nginx, and fcgiwrap is not installed (looked in /usr/sbin, /usr/local, /opt/homebrew and on PATH); install it, e.g. `apt-get install fcgiwrap`', runtime(await findNginx()));
    }
    if (shebang === undefined) {
      return notRun(`${sandbox.fileName} has no #! line: a web server runs a CGI script as a program, so its first line must name the interpreter (e.g. #!/usr/bin/env python3)`, runtime(await findNginx()));
    }
    const script = path.posix.join(exampleDir(sandbox), sandbox.fileName);
    const listener = await fcgiwrapListener(sandbox);
    return runBehindNginx({
      example,
      sandbox,
      ctx,
      name: 'fcgiwrap',
      argv: fcgiwrapCommand(fcgiwrap, script, listener.socketUrl),
      listening: listener.listening,
      upstream: (address) => ({ protocol: 'fastcgi', address, scriptFilename: script }),
      judge: (http) => judgeAnswer(sandbox.fileName, http, example.spec.status),
      logLabel: `fcgiwrap (with ${sandbox.fileName}'s stderr) and nginx`,
      runtime,
    });
  },
};

/**
 * Where fcgiwrap listens and how proofpress learns that it does. In namespaces, on TCP, which the sandbox
 * reports with the pids holding the port. Without them, on a Unix socket in the run's own scratch folder
 * (a host folder there): a fixed port could be taken on the host, and fcgiwrap, not being Python, has no
 * port shim to report a free one. The socket file appears at bind(), a few instructions before listen();
 * nginx, started after it, takes milliseconds to make its first connection.
 */
async function fcgiwrapListener(sandbox: Sandbox): Promise<{ socketUrl: string; listening: (server: SandboxRun) => Promise<string | undefined> }> {
  if (sandbox.isolation.mode === 'namespaces') {
    const port = sandbox.privatePorts ? PRIVATE_FCGIWRAP_PORT : await pickFreePort();
    return { socketUrl: `tcp:127.0.0.1:${port}`, listening: (server) => firstListeningAddress(server, sandbox) };
  }
  const socket = path.join(sandbox.scratchDir, SOCKET_NAME);
  return { socketUrl: `unix:${socket}`, listening: (server) => socketCreated(socket, server) };
}

async function socketCreated(socket: string, server: SandboxRun): Promise<string | undefined> {
  let ended = false;
  void server.exited.then(() => (ended = true));
  while (!ended) {
    if (await access(socket).then(() => true, () => false)) return `unix:${socket}`;
    await delay(POLL_MS);
  }
  return undefined;
}

// The example's folder as its processes see it: /example in namespaces; without them the sandbox's
// `files` folder, beside its scratch folder (see sandbox.ts, which lays both out).
function exampleDir(sandbox: Sandbox): string {
  return sandbox.isolation.mode === 'namespaces' ? INSIDE.work : path.join(path.dirname(sandbox.scratchDir), 'files');
}

/**
 * A script that dies before it answers leaves nginx and fcgiwrap to answer for it: 502 (no or a broken
 * CGI reply), 504 (no reply in time). Those are the gateway's words, not the script's, so the run fails
 * with them and the script's last output (its traceback) unless the post expects that very status.
 */
function judgeAnswer(file: string, http: HttpCapture, expectedStatus: number): string | undefined {
  if (![502, 503, 504].includes(http.status) || http.status === expectedStatus) return undefined;
  // fcgiwrap says what went wrong in one plain-text line; nginx's own error pages are HTML, not worth quoting.
  const plain = http.headers.some(([name, value]) => name.toLowerCase() === 'content-type' && value.startsWith('text/plain'));
  const said = plain ? tailLines(http.body, 1).trim() : '';
  return `${file} gave no valid CGI response: nginx answered ${http.statusLine}${said ? ` (${said})` : ''}`;
}

function describeRuntime(facts: { ctx: RunContext; sandbox: Sandbox; fcgiwrap?: FcgiwrapInstall; nginx?: NginxInstall; shebang?: string }): RuntimeInfo {
  const { ctx, sandbox, fcgiwrap, nginx, shebang } = facts;
  const components: Record<string, string> = {};
  if (fcgiwrap) components.fcgiwrap = fcgiwrap.version;
  if (nginx) components.nginx = nginx.version;
  return {
    interpreter: shebang === undefined ? 'none (no #! line)' : describeShebang(shebang, ctx),
    gateway: `CGI script ${sandbox.fileName}, run per request by fcgiwrap`,
    frontEnd: nginx ? `nginx ${nginx.version}` : 'nginx (not installed)',
    components,
    isolation: ctx.isolationLabel,
  };
}
