// Finds an installed nginx and starts one, per run, on a free loopback port in front of a FastCGI, SCGI or CGI app.
import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import { tailLines } from '../../util/text.ts';
import { delay, type ProcessExit } from '../process.ts';
import { NGINX_FILES, type NginxUpstreamChoice, renderNginxConfig, upstreamOf } from './nginx-config.ts';

/** An nginx binary and its version (`1.22.1`). */
export interface NginxInstall {
  executable: string;
  version: string;
}

/** A running nginx fronting one app. */
export interface NginxFront {
  port: number;
}

/** Starts nginx with `argv` where the app runs (in its sandbox). */
export type LaunchNginx = (argv: string[]) => LaunchedNginx;
/** nginx as the sandbox started it. */
export interface LaunchedNginx {
  exited: Promise<ProcessExit>;
  pid: Promise<number | undefined>;
  kill(): void;
}

/** Options for startNginx: where it runs, and the app it passes requests to (`appPort` for a FastCGI app, or `upstream`). */
export type StartNginxOptions = NginxUpstreamChoice & StartNginxPlace;

/** Where and how long startNginx runs nginx. */
export interface StartNginxPlace {
  install: NginxInstall;
  /**
   * The folder for nginx.conf: proofpress writes it on the host, nginx reads it where it runs. In
   * namespaces it is read-only inside, so an example cannot swap the file proofpress writes.
   */
  configDir: { inside: string; host: string };
  /** A folder where nginx may write its pid and temp files, as nginx sees it. */
  scratchDir: string;
  launch: LaunchNginx;
  /** nginx's output so far (it shares the sandbox's log; its error log goes to stderr). */
  log: () => string;
  /** Resolves when this nginx listens on `port` (the sandbox's port report naming its pid, or its pid file). */
  listening: (port: number, nginx: LaunchedNginx) => Promise<unknown>;
  serverName: string;
  serverPort: number;
  /** Give up (and leave nothing running) at this time, in ms since the epoch. */
  deadline: number;
  /** Chooses the port to try; each attempt calls it again. @default pickFreePort */
  pickPort?: () => Promise<number>;
}

// Debian and most distributions install nginx in /usr/sbin, which is not on a normal user's PATH.
const WELL_KNOWN = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'];
const PORT_ATTEMPTS = 3;
const POLL_MS = 5;

// Which nginx is installed cannot change during a build, so it is looked up once per process.
let installed: Promise<NginxInstall | undefined> | undefined;

/** The installed nginx (well-known paths, then PATH) with its version, or undefined when there is none. */
export function findNginx(): Promise<NginxInstall | undefined> {
  installed ??= probeNginx();
  return installed;
}

async function probeNginx(): Promise<NginxInstall | undefined> {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'nginx'));
  for (const executable of [...WELL_KNOWN, ...onPath]) {
    if (!(await isExecutable(executable))) continue;
    // `nginx -v` prints `nginx version: nginx/1.22.1` on stderr.
    const result = await execa(executable, ['-v'], { reject: false, timeout: 10_000, stdin: 'ignore' });
    const version = /nginx\/(\S+)/.exec(String(result.stderr))?.[1];
    if (result.exitCode === 0 && version) return { executable, version };
  }
  return undefined;
}

/** A port that was free on 127.0.0.1 a moment ago (the OS's choice for port 0). */
export function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Start nginx and resolve once it listens. nginx binds the port itself, so another process can take
 * a port between pickPort() and nginx's bind(): then nginx says so on stderr and is restarted on a
 * new port. (nginx would retry the same port 5 times, 500 ms apart, so it is killed at the first
 * "Address already in use" rather than waited for.) Never leaves nginx running when it fails.
 */
export async function startNginx(options: StartNginxOptions): Promise<{ front: NginxFront } | { error: string }> {
  const pickPort = options.pickPort ?? pickFreePort;
  const configFile = { host: path.join(options.configDir.host, NGINX_FILES.config), inside: path.posix.join(options.configDir.inside, NGINX_FILES.config) };
  let lastError = '';
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
    const port = await pickPort();
    await writeFile(configFile.host, renderNginxConfig({ scratchDir: options.scratchDir, port, upstream: upstreamOf(options), serverName: options.serverName, serverPort: options.serverPort }));
    const logBefore = options.log().length;
    const nginxLog = () => options.log().slice(logBefore);
    // -e stderr: errors before the config is read go to stderr too, not to the built-in path
    // (/var/log/nginx/error.log on many builds). The sandbox's environment is an allow-list, so no
    // NGINX variable makes nginx adopt "inherited" sockets.
    const nginx = options.launch([options.install.executable, '-p', `${options.scratchDir}/`, '-c', configFile.inside, '-e', 'stderr']);
    const state = await waitUntilListening({ exited: nginx.exited, log: nginxLog, listening: options.listening(port, nginx) }, options.deadline);
    if (state === 'listening') return { front: { port } };
    nginx.kill();
    await Promise.race([nginx.exited, delay(Math.max(0, options.deadline - Date.now()))]);
    const log = tailLines(nginxLog());
    if (state === 'timeout') return { error: `nginx did not listen on port ${port} in time\n${log}` };
    if (state === 'exited') return { error: `nginx exited before it listened on port ${port}\n${log}` };
    lastError = log;
  }
  return { error: `nginx found each of ${PORT_ATTEMPTS} free ports taken by the time it bound them\n${lastError}` };
}

async function waitUntilListening(
  nginx: { exited: Promise<ProcessExit>; log: () => string; listening: Promise<unknown> },
  deadline: number,
): Promise<'listening' | 'port-taken' | 'exited' | 'timeout'> {
  let state: 'listening' | 'exited' | undefined;
  void nginx.exited.then(() => (state ??= 'exited'));
  void nginx.listening.then(() => (state ??= 'listening'));
  while (Date.now() < deadline) {
    if (state) return state;
    if (nginx.log().includes('Address already in use')) return 'port-taken';
    await delay(POLL_MS);
  }
  return 'timeout';
}

/**
 * Resolves once nginx has written its pid file in `scratchDir` (a host folder: the process layer).
 * nginx writes it only after it has bound and listened on every `listen` address, so the file's
 * existence proves *nginx* holds the port; a connect could reach whoever took it instead.
 */
export async function pidFileWritten(scratchDir: string): Promise<void> {
  for (;;) {
    if (await access(path.join(scratchDir, NGINX_FILES.pid)).then(() => true, () => false)) return;
    await delay(POLL_MS);
  }
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}
