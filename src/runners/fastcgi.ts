// run=fastcgi: starts the example as a web server starts a .fcgi file, then requests it through nginx or proofpress's own FastCGI client.
import type { Example } from '../examples/extract.ts';
import { tailLines } from '../util/text.ts';
import { parseCgiResponse } from './fastcgi/cgi-response.ts';
import { buildCgiParams, sendFastcgiRequest } from './fastcgi/client.ts';
import { findNginx, type NginxFront, type NginxInstall, pidFileWritten, startNginx } from './fastcgi/nginx.ts';
import { installedVersion } from './python-packages.ts';
import { plannedRequests, sendRequests } from './exchanges.ts';
import { describeExit, type ProcessExit, type ProcessReport, withDeadline } from './process.ts';
import type { Sandbox, SandboxRun } from './sandbox.ts';
import type { RunContext, Runner, RunRecord, RuntimeInfo } from './types.ts';

// The address the reader visits. Both front ends present it to the app (Host, SERVER_NAME,
// SERVER_PORT), so what the app sees does not depend on which front end ran it.
const PUBLIC_HOST = 'localhost';
const PUBLIC_PORT = 8000;
// Where the app listens in a network namespace of its own: the port nginx's documentation uses. Without
// one, port 0 lets the system choose, and the port shim reports it.
const PRIVATE_APP_PORT = 9000;
const EMBEDDED_NAME = 'embedded FastCGI client (proofpress)';
const EXIT_GRACE_MS = 200;

type FrontEnd = { kind: 'nginx'; install: NginxInstall } | { kind: 'embedded' };

/** What one run started and learned, filled in as it goes so `finally` can stop all of it. */
interface RunState {
  example: Example;
  sandbox: Sandbox;
  app: SandboxRun;
  appExit?: ProcessExit;
  deadline: number;
  nginx?: NginxFront;
  /** What the app sent on the FastCGI stderr stream (embedded front end; nginx logs it itself). */
  fastcgiStderr?: string;
}

type Outcome = Pick<RunRecord, 'http' | 'exchanges' | 'error'>;

/** Launches the example with a FastCGI socket on fd 0 and checks it over HTTP through nginx (or the embedded client). */
export const fastcgiRunner: Runner = {
  kind: 'fastcgi',
  run: async (example, sandbox, ctx) => {
    const started = Date.now();
    const deadline = started + (example.spec.timeoutMs ?? ctx.timeoutMs);
    const frontEnd = await chooseFrontEnd(ctx.fastcgiFrontEnd ?? 'auto');
    const record = (outcome: Outcome, serverLog: string, runtime: RuntimeInfo): RunRecord => ({
      ...outcome,
      serverLog,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      runtime,
    });
    if (!frontEnd) {
      const error = 'fastcgiFrontEnd is "nginx" but nginx is not installed (looked in /usr/sbin, /usr/local and on PATH); install it, e.g. `apt-get install nginx`, or use "auto"';
      return record({ error }, '', describeRuntime(ctx, sandbox, undefined));
    }
    const appPort = sandbox.privatePorts ? PRIVATE_APP_PORT : 0;
    const app = sandbox.start([sandbox.python, sandbox.helper('fcgi_launcher.py'), String(appPort), sandbox.fileName]);
    const state: RunState = { example, sandbox, app, deadline };
    void app.exited.then((exit) => (state.appExit = exit));
    try {
      const outcome = await exchange(state, frontEnd, appPort);
      return record(outcome, collectLogs(state), describeRuntime(ctx, sandbox, frontEnd, await installedVersion(ctx.python, 'flup')));
    } finally {
      await app.kill(); // nginx runs in the same sandbox and goes with it
    }
  },
};

// 'auto' prefers nginx, the kind of server the article tells readers to use; undefined = nginx demanded but missing.
async function chooseFrontEnd(wanted: NonNullable<RunContext['fastcgiFrontEnd']>): Promise<FrontEnd | undefined> {
  if (wanted === 'embedded') return { kind: 'embedded' };
  const install = await findNginx();
  if (install) return { kind: 'nginx', install };
  return wanted === 'auto' ? { kind: 'embedded' } : undefined;
}

async function exchange(state: RunState, frontEnd: FrontEnd, askedPort: number): Promise<Outcome> {
  const { app, sandbox, deadline } = state;
  // The launcher's listening socket: in namespaces the sandbox reports it with the pids holding it (the
  // launcher, exec'd into the app); without them the port shim reports the port 0 it was asked for.
  const launcher = sandbox.isolation.mode === 'namespaces' ? await app.pid : undefined;
  const isLauncher = (report: ProcessReport) =>
    launcher === undefined ? Number(report.asked_port) === askedPort : Array.isArray(report.pids) && report.pids.includes(launcher);
  const listening = await withDeadline(app.waitForReport('listening', isLauncher), remaining(deadline));
  if (listening === 'timeout') return { error: `timed out: ${sandbox.fileName} was not launched within the example's time limit` };
  if (!listening) {
    const exit = await app.exited;
    return { error: app.breach(exit) ?? `the FastCGI launcher exited (${describeExit(exit)}) before ${sandbox.fileName} was started\n${tailLines(app.log())}` };
  }
  const appPort = Number(listening.port);
  const outcome = frontEnd.kind === 'nginx' ? await requestThroughNginx(state, frontEnd.install, appPort) : await requestEmbedded(state, appPort);
  // A dead app still gets an answer (nginx's 502, or a reset connection), so say plainly that the
  // example itself stopped. Its exit is noticed a moment after the socket closes, hence the grace.
  const failed = outcome.error !== undefined || (outcome.exchanges ?? []).some((exchange) => exchange.error !== undefined || (exchange.response?.status ?? 0) >= 500);
  const exit = state.appExit ?? (failed ? await withDeadline(app.exited, EXIT_GRACE_MS) : undefined);
  if (exit && exit !== 'timeout') return { ...outcome, error: `${sandbox.fileName} exited (${describeExit(exit)}) instead of serving the request\n${tailLines(app.log())}` };
  return outcome;
}

async function requestThroughNginx(state: RunState, install: NginxInstall, appPort: number): Promise<Outcome> {
  const { sandbox, app } = state;
  const started = await startNginx({
    install,
    configDir: sandbox.controlDir,
    scratchDir: sandbox.scratchDir,
    launch: (argv) => app.spawn('nginx', argv),
    log: app.log,
    listening: async (port, nginx) => {
      if (sandbox.isolation.mode !== 'namespaces') return pidFileWritten(sandbox.scratchDir);
      const pid = await nginx.pid;
      return app.waitForReport('listening', (report) => Number(report.port) === port && Array.isArray(report.pids) && report.pids.includes(pid));
    },
    // With a network of its own, nginx listens where the reader is told to visit.
    pickPort: sandbox.privatePorts ? async () => PUBLIC_PORT : undefined,
    appPort,
    serverName: PUBLIC_HOST,
    serverPort: PUBLIC_PORT,
    deadline: state.deadline,
  });
  if ('error' in started) return started;
  state.nginx = started.front;
  // nginx is the server the reader visits, at the address the article gives (localhost:8000).
  const nginxReport = { event: 'listening', port: started.front.port, asked_port: PUBLIC_PORT };
  const exchanges = await sendRequests({ run: app, servers: [nginxReport], requests: plannedRequests(state.example), timeoutMs: remaining(state.deadline) });
  return withFirstResponse(exchanges);
}

function withFirstResponse(exchanges: NonNullable<RunRecord['exchanges']>): Outcome {
  return { exchanges, ...(exchanges[0]?.response ? { http: exchanges[0].response } : {}) };
}

// Without nginx, each request goes to the app as one FastCGI request (method and path; no body or headers).
async function requestEmbedded(state: RunState, appPort: number): Promise<Outcome> {
  const exchanges: NonNullable<RunRecord['exchanges']> = [];
  for (const { line, request } of plannedRequests(state.example)) {
    const record: (typeof exchanges)[number] = { line, request: { method: request.method, path: request.path, port: PUBLIC_PORT } };
    exchanges.push(record);
    if (request.body || request.headers.length > 0) {
      record.error = 'the embedded FastCGI client sends no request headers or bodies: install nginx (fastcgiFrontEnd "auto" uses it)';
      continue;
    }
    try {
      const response = await sendFastcgiRequest({
        host: '127.0.0.1',
        port: appPort,
        connect: () => state.app.connect({ event: 'listening', port: appPort }),
        params: buildCgiParams({ method: request.method, path: request.path, host: PUBLIC_HOST, port: PUBLIC_PORT }),
        timeoutMs: remaining(state.deadline),
      });
      state.fastcgiStderr = (state.fastcgiStderr ?? '') + response.stderr;
      const cgi = parseCgiResponse(response.stdout);
      // Synthesised: a FastCGI app sends no status line, only a CGI `Status` field (none means 200), and
      // writing the line from it is the web server's job, here done the way nginx does it.
      const statusLine = `HTTP/1.1 ${cgi.status} ${cgi.statusText}`.trimEnd();
      record.response = { statusLine, status: cgi.status, headers: cgi.headers, body: cgi.body.toString('utf8') };
    } catch (error) {
      record.error = `FastCGI request failed: ${(error as Error).message}`;
    }
  }
  return withFirstResponse(exchanges);
}

function collectLogs(state: RunState): string {
  const who = state.nginx ? `${state.sandbox.fileName} and nginx` : state.sandbox.fileName;
  const sections: [string, string][] = [[`${who} (stdout and stderr)`, state.app.log()]];
  if (state.fastcgiStderr) sections.push(['FastCGI stderr stream (wsgi.errors)', state.fastcgiStderr]);
  return sections.map(([label, text]) => `--- ${label} ---\n${text.trimEnd() || '(empty)'}\n`).join('');
}

// `frontEnd` undefined: nginx was demanded but is missing.
function describeRuntime(ctx: RunContext, sandbox: Sandbox, frontEnd: FrontEnd | undefined, flup?: string): RuntimeInfo {
  const components: Record<string, string> = {};
  if (flup) components.flup = flup;
  if (frontEnd?.kind === 'nginx') components.nginx = frontEnd.install.version;
  return {
    interpreter: `Python ${ctx.python.version}`,
    gateway: `FastCGI server ${sandbox.fileName}, launched with a listening socket on fd 0`,
    frontEnd: !frontEnd ? 'nginx (not installed)' : frontEnd.kind === 'nginx' ? `nginx ${frontEnd.install.version}` : EMBEDDED_NAME,
    components,
    isolation: ctx.isolationLabel,
  };
}

function remaining(deadline: number): number {
  return Math.max(1, deadline - Date.now());
}
