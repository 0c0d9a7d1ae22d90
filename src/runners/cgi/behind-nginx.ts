// The shared shape of run=scgi and run=cgi: start the server nginx passes requests to, wait until it listens, start nginx beside it in the same sandbox, request nginx.
import type { Example } from '../../examples/extract.ts';
import { tailLines } from '../../util/text.ts';
import type { NginxUpstream } from '../fastcgi/nginx-config.ts';
import { findNginx, type NginxInstall, pickFreePort, pidFileWritten, startNginx } from '../fastcgi/nginx.ts';
import { requestOnce } from '../http-request.ts';
import { delay, describeExit, type ProcessExit, withDeadline } from '../process.ts';
import type { Sandbox, SandboxRun } from '../sandbox.ts';
import type { HttpCapture, RunContext, RunRecord, RuntimeInfo } from '../types.ts';

// The address the reader visits, presented to the app (Host, SERVER_NAME, SERVER_PORT) as run=fastcgi does,
// so what the app sees does not depend on the ports used inside the run.
const PUBLIC_HOST = 'localhost';
const PUBLIC_PORT = 8000;
// A dead server's exit is noticed a moment after nginx answers 502 for it.
const EXIT_GRACE_MS = 200;
// After a failed answer, what the server printed (a traceback) may still be on its way through the pipes.
const LOG_QUIET_MS = 15;
const LOG_SETTLE_MAX_MS = 300;

/** One run of a server behind nginx. */
export interface BehindNginxOptions {
  example: Example;
  sandbox: Sandbox;
  ctx: RunContext;
  /** The server in words, for messages (`server.scgi`, `fcgiwrap`). */
  name: string;
  /** Starts the server: the sandbox's main process. */
  argv: string[];
  /** Resolves with nginx's address for the server once it listens, or undefined when the sandbox ends first. */
  listening(server: SandboxRun): Promise<string | undefined>;
  upstream(address: string): NginxUpstream;
  /** An answer that shows the example failed although the server lives on (a CGI script's crash), in words. */
  judge?(http: HttpCapture): string | undefined;
  /** Who wrote the sandbox's log, for its heading (`server.scgi and nginx`). */
  logLabel: string;
  runtime(nginx: NginxInstall | undefined): RuntimeInfo;
}

type Outcome = Pick<RunRecord, 'http' | 'error'>;

/** Start the server, then nginx in front of it, and request nginx; never throws for the example's failures. */
export async function runBehindNginx(options: BehindNginxOptions): Promise<RunRecord> {
  const started = Date.now();
  const deadline = started + (options.example.spec.timeoutMs ?? options.ctx.timeoutMs);
  const nginx = await findNginx();
  const finish = (outcome: Outcome, serverLog: string): RunRecord => ({
    ...outcome,
    serverLog,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    runtime: options.runtime(nginx),
  });
  if (!nginx) {
    return finish({ error: `run=${options.example.spec.run} puts nginx in front of ${options.name}, and nginx is not installed (looked in /usr/sbin, /usr/local and on PATH); install it, e.g. \`apt-get install nginx\`` }, '');
  }
  const server = options.sandbox.start(options.argv);
  const exited: { exit?: ProcessExit } = {};
  void server.exited.then((exit) => (exited.exit = exit));
  try {
    const outcome = await exchange({ options, nginx, server, exited, deadline });
    return finish(outcome, `--- ${options.logLabel} (stdout and stderr) ---\n${server.log().trimEnd() || '(empty)'}\n`);
  } finally {
    await server.kill(); // nginx runs in the same sandbox and goes with it
  }
}

/** A run that could not start (a missing tool, a script no web server could run), recorded as failed. */
export function notRun(error: string, runtime: RuntimeInfo): RunRecord {
  return { error, serverLog: '', startedAt: new Date().toISOString(), durationMs: 0, runtime };
}

interface Exchange {
  options: BehindNginxOptions;
  nginx: NginxInstall;
  server: SandboxRun;
  exited: { exit?: ProcessExit };
  deadline: number;
}

async function exchange({ options, nginx, server, exited, deadline }: Exchange): Promise<Outcome> {
  const { sandbox, name } = options;
  const address = await withDeadline(options.listening(server), remaining(deadline));
  if (address === 'timeout') return { error: `timed out: ${name} did not listen within the example's time limit\n${tailLines(server.log())}`.trimEnd() };
  if (address === undefined) {
    const exit = await server.exited;
    return { error: server.breach(exit) ?? `${name} exited (${describeExit(exit)}) before it listened on a port\n${tailLines(server.log())}`.trimEnd() };
  }
  const front = await startNginx({
    install: nginx,
    configDir: sandbox.controlDir,
    scratchDir: sandbox.scratchDir,
    launch: (argv) => server.spawn('nginx', argv),
    log: server.log,
    listening: async (port, launched) => {
      if (sandbox.isolation.mode !== 'namespaces') return pidFileWritten(sandbox.scratchDir);
      const pid = await launched.pid;
      return server.waitForReport('listening', (report) => Number(report.port) === port && Array.isArray(report.pids) && report.pids.includes(pid));
    },
    // With a network of its own, nginx listens where the reader is told to visit (unless the app took that port).
    pickPort: sandbox.privatePorts && !address.endsWith(`:${PUBLIC_PORT}`) ? async () => PUBLIC_PORT : pickFreePort,
    upstream: options.upstream(address),
    serverName: PUBLIC_HOST,
    serverPort: PUBLIC_PORT,
    deadline,
  });
  if ('error' in front) return front;
  const outcome = await request(options, server, front.front.port, deadline);
  const judged = outcome.http && options.judge?.(outcome.http);
  // A dead server still gets an answer (nginx's 502, or a reset connection): say plainly that it stopped.
  // An answer the judge explains (a CGI script's crash) leaves the server alive: no need to wait for it.
  const failed = !judged && (outcome.error !== undefined || (outcome.http?.status ?? 0) >= 500);
  const exit = exited.exit ?? (failed ? await withDeadline(server.exited, EXIT_GRACE_MS) : undefined);
  if (exit && exit !== 'timeout') {
    return { ...outcome, error: server.breach(exit) ?? `${name} exited (${describeExit(exit)}) instead of serving the request\n${tailLines(server.log())}`.trimEnd() };
  }
  if (!judged) return outcome;
  await logSettled(server);
  return { ...outcome, error: `${judged}\n${tailLines(server.log())}`.trimEnd() };
}

async function request(options: BehindNginxOptions, server: SandboxRun, port: number, deadline: number): Promise<Outcome> {
  try {
    const http = await requestOnce({
      connect: () => server.connect({ event: 'listening', port }),
      path: options.example.spec.path,
      host: `${PUBLIC_HOST}:${PUBLIC_PORT}`,
      timeoutMs: remaining(deadline),
    });
    return { http };
  } catch (error) {
    return { error: server.breach() ?? `HTTP request to nginx failed: ${(error as Error).message}` };
  }
}

/**
 * nginx's address for the first port the sandbox reports listening: in namespaces the first one held by the
 * server's main process (the report names its holders), without them the first the port shim reports
 * (only Python processes report, and nginx is not started yet).
 */
export async function firstListeningAddress(server: SandboxRun, sandbox: Sandbox): Promise<string | undefined> {
  const main = sandbox.isolation.mode === 'namespaces' ? await server.pid : undefined;
  const report = await server.waitForReport('listening', (candidate) => main === undefined || (Array.isArray(candidate.pids) && candidate.pids.includes(main)));
  if (!report) return undefined;
  const host = typeof report.address === 'string' ? report.address : '127.0.0.1';
  // A server on every address (0.0.0.0, ::) is reached on loopback.
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return reachable.includes(':') ? `[${reachable}]:${report.port}` : `${reachable}:${report.port}`;
}

async function logSettled(server: SandboxRun): Promise<void> {
  const deadline = Date.now() + LOG_SETTLE_MAX_MS;
  let length = -1;
  while (server.log().length !== length && Date.now() < deadline) {
    length = server.log().length;
    await delay(LOG_QUIET_MS);
  }
}

function remaining(deadline: number): number {
  return Math.max(1, deadline - Date.now());
}
