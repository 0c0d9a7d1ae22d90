// Finds an installed nginx and starts one, per run, on a free loopback port in front of a FastCGI app.
import { constants } from 'node:fs';
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import { tailLines } from '../../util/text.ts';
import { delay, type ProcessExit } from '../process.ts';
import { NGINX_FILES, renderNginxConfig } from './nginx-config.ts';

/** An nginx binary and its version (`1.22.1`). */
export interface NginxInstall {
  executable: string;
  version: string;
}

/** A running nginx fronting one app. */
export interface NginxFront {
  port: number;
  /** The last lines of nginx's error log, or '' when it has none. */
  readErrorLog(): Promise<string>;
}

/** Starts nginx with `argv` where the app runs (in its sandbox). */
export type LaunchNginx = (argv: string[]) => { exited: Promise<ProcessExit>; kill(): void };

/** Options for startNginx. */
export interface StartNginxOptions {
  install: NginxInstall;
  /** Empty folder for the config, pid, logs and temp files: as nginx sees it, and as proofpress sees it. */
  dir: { inside: string; host: string };
  launch: LaunchNginx;
  /** nginx's output so far (it shares the sandbox's log). */
  log: () => string;
  appPort: number;
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
  const file = (name: string) => path.join(options.dir.host, name);
  const inside = (name: string) => path.posix.join(options.dir.inside, name);
  await mkdir(options.dir.host, { recursive: true });
  let lastError = '';
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
    const port = await pickPort();
    await Promise.all([rm(file(NGINX_FILES.pid), { force: true }), rm(file(NGINX_FILES.errorLog), { force: true })]);
    await writeFile(file(NGINX_FILES.config), renderNginxConfig({ dir: options.dir.inside, port, appPort: options.appPort, serverName: options.serverName, serverPort: options.serverPort }));
    const logBefore = options.log().length;
    // -e: errors before the config's error_log is read go into the folder too, not to the built-in path
    // (/var/log/nginx/error.log on many builds, which an unprivileged user cannot open). The sandbox's
    // environment is an allow-list, so no NGINX variable makes nginx adopt "inherited" sockets.
    const nginx = options.launch([options.install.executable, '-p', `${options.dir.inside}/`, '-c', inside(NGINX_FILES.config), '-e', inside(NGINX_FILES.errorLog)]);
    const state = await waitUntilListening({ exited: nginx.exited, log: () => options.log().slice(logBefore) }, file(NGINX_FILES.pid), options.deadline);
    if (state === 'listening') {
      return { front: { port, readErrorLog: () => readTail(file(NGINX_FILES.errorLog)) } };
    }
    nginx.kill();
    await Promise.race([nginx.exited, delay(Math.max(0, options.deadline - Date.now()))]);
    const log = tailLines(options.log().slice(logBefore)) || (await readTail(file(NGINX_FILES.errorLog)));
    if (state === 'timeout') return { error: `nginx did not listen on 127.0.0.1:${port} in time\n${log}` };
    if (state === 'exited') return { error: `nginx exited before it listened on 127.0.0.1:${port}\n${log}` };
    lastError = log;
  }
  return { error: `nginx found each of ${PORT_ATTEMPTS} free ports taken by the time it bound them\n${lastError}` };
}

// nginx writes its pid file only after it has bound and listened on every `listen` address, so the
// file's existence proves *nginx* holds the port; a connect could reach whoever took it instead.
async function waitUntilListening(
  nginx: { exited: Promise<ProcessExit>; log: () => string },
  pidFile: string,
  deadline: number,
): Promise<'listening' | 'port-taken' | 'exited' | 'timeout'> {
  let exited = false;
  void nginx.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (await isPresent(pidFile)) return 'listening';
    if (nginx.log().includes('Address already in use')) return 'port-taken';
    if (exited) return 'exited';
    await delay(POLL_MS);
  }
  return 'timeout';
}

async function readTail(file: string): Promise<string> {
  try {
    return tailLines(await readFile(file, 'utf8'));
  } catch {
    return '';
  }
}

async function isPresent(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}
