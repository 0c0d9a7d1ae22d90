// Starts a sandbox's supervisor (init.py) with the example's command, and speaks its protocol: reports, requests, the bridge.
import { lstat } from 'node:fs/promises';
import net from 'node:net';
import type { ResourceLimits } from '../../config/schema.ts';
import { randomBytes } from 'node:crypto';
import { delay, type ProcessExit, type ProcessHandle, type ProcessReport, startProcess } from '../process.ts';
import { describeBreach } from './limits.ts';

/** Where the supervisor and the example find things, and what starts the supervisor. */
export interface SupervisorLayout {
  namespaced: boolean;
  /** The host's network is shared (a post's `network: true`, or no namespaces at all). */
  sharedNetwork: boolean;
  /** The example's Python, as the sandbox sees it. */
  python: string;
  /** The Python that runs the supervisor: the example's own when it is 3.6+, else the build's helper Python 3. */
  supervisorPython: string;
  helpers: string;
  supervisor: string;
  /** The example's working folder. */
  work: string;
  /** Where the supervisor copies the example's files from (into `work`), in namespaces. */
  copyFrom?: string;
  /** The bridge socket on the host, in namespaces (the supervisor inherits it listening, as fd 4). */
  bridge?: string;
  env: Record<string, string>;
  /** What runs the supervisor's interpreter: `bwrap …`, or nothing without namespaces. */
  prefix: string[];
  hostCwd: string;
}

/** The processes of one example, started by `Sandbox.start`. */
export interface SandboxRun {
  /** Everything printed so far, stdout and stderr of every process interleaved (capped). */
  log(): string;
  stdout(): string;
  /** The first report of `event` that `match` accepts, or undefined if the sandbox ends first. */
  waitForReport(event: string, match?: (report: ProcessReport) => boolean): Promise<ProcessReport | undefined>;
  /** How the main command ended. */
  exited: Promise<ProcessExit>;
  /** The main command's pid as the sandbox sees it (port reports name the pids holding each port). */
  pid: Promise<number | undefined>;
  /** Start another command in the same sandbox (same network); with `capture`, its output is kept apart (`SpawnedProcess.output`). */
  spawn(name: string, argv: string[], options?: { cwd?: string; capture?: boolean }): SpawnedProcess;
  /** A connection to a port the sandbox reported listening (resolves once the bridge has connected it). */
  connect(listening: ProcessReport): Promise<net.Socket>;
  /** `stopped: exceeded …` when a resource limit ended the run. */
  breach(exit?: ProcessExit): string | undefined;
  kill(): Promise<void>;
}

/** A command started with `SandboxRun.spawn`. */
export interface SpawnedProcess {
  exited: Promise<ProcessExit>;
  /** Its pid as the sandbox sees it (in namespaces, where port reports name their owners). */
  pid: Promise<number | undefined>;
  /** SIGKILL it alone (the sandbox goes on). */
  kill(): void;
  /** With `capture`: what it (and what it started) printed so far, stdout and stderr merged. */
  output(): string;
  /** With `capture`: settles when every process holding its output has closed it (or the sandbox ended). */
  outputEnded: Promise<void>;
}

const BRIDGE_GREETING = 'proofpress-bridge';

/** A supervisor started and waiting for its example (see init.py): a warm sandbox. */
export interface Supervisor {
  process: ProcessHandle;
  layout: SupervisorLayout;
  secret: string;
}

/**
 * Start the sandbox's supervisor, warm: bubblewrap (in namespaces) runs it as PID 1; it sets up the
 * bridge and the port watch and then waits for `runSupervised`. Starting it ahead of the example
 * takes bubblewrap's and Python's start-up off the example's critical path.
 */
export function launchSupervisor(layout: SupervisorLayout): Supervisor {
  const plan = { workdir: layout.work, shared_network: layout.sharedNetwork, bridge_fd: layout.bridge ? 4 : undefined };
  const [command, ...prefixArgs] = [...layout.prefix, layout.supervisorPython];
  const process = startProcess({
    command: command!,
    args: [...prefixArgs, '-I', '-S', layout.supervisor, layout.namespaced ? '1' : '0', JSON.stringify(plan)],
    cwd: layout.hostCwd,
    env: layout.env,
    stdin: 'pipe',
  });
  const secret = randomBytes(16).toString('hex');
  // The secret goes through stdin, which no example process inherits (argv would be in /proc/1/cmdline).
  process.writeLine(secret);
  return { process, layout, secret };
}

/** Hand `argv` (whose files are already in the sandbox's files folder) to a warm supervisor, with its limits. */
export function runSupervised(supervisor: Supervisor, argv: string[], limits: ResourceLimits): SandboxRun {
  const { process: sandbox, layout } = supervisor;
  const MIB = 1024 * 1024;
  sandbox.limitOutput(limits.outputKiB * 1024);
  const limitList = [limits.memoryMiB * MIB, limits.processes, limits.cpuSeconds, limits.fileSizeMiB * MIB, limits.openFiles];
  sandbox.writeLine(JSON.stringify({ run: { argv, limits: limitList, copy_from: layout.copyFrom } }));
  const exitOf = (id: string): Promise<ProcessExit> =>
    Promise.race([
      sandbox.waitForReport('exited', (report) => report.id === id).then(toExit),
      sandbox.exited.then((exit) => toExit(sandbox.reports('exited').find((report) => report.id === id)) ?? (id === 'main' ? exit : {})),
    ]).then((exit) => exit ?? {});
  let spawned = 0;
  // Reports may come before the supervisor's bridge thread is accepting: hold them until it is.
  const bridgeReady = layout.bridge ? sandbox.waitForReport('bridge-ready') : Promise.resolve(undefined);
  return {
    log: sandbox.log,
    stdout: sandbox.stdout,
    waitForReport: async (event, match) => {
      const report = await sandbox.waitForReport(event, match);
      return report && (await bridgeReady, report);
    },
    exited: exitOf('main').then(async (exit) => (await outputSettled(sandbox), exit)),
    pid: sandbox.waitForReport('started').then((report) => (report ? Number(report.pid) : undefined)),
    spawn: (name, argv, options = {}) => {
      const id = `${name}-${++spawned}`;
      sandbox.writeLine(JSON.stringify({ spawn: { id, argv, cwd: options.cwd ?? layout.work, capture: options.capture === true } }));
      const pid = sandbox.waitForReport('spawned', (report) => report.id === id).then((report) => (report ? Number(report.pid) : undefined));
      return {
        exited: exitOf(id),
        pid,
        kill: () => sandbox.writeLine(JSON.stringify({ kill: { id } })),
        output: () => sandbox.captured(id).text,
        outputEnded: sandbox.waitForReport('output-end', (report) => report.id === id).then(() => undefined),
      };
    },
    connect: (listening) => {
      const port = Number(listening.port);
      if (!layout.bridge) return connectTcp(typeof listening.address === 'string' ? listening.address : '127.0.0.1', port);
      return connectThroughBridge(layout.bridge, supervisor.secret, port);
    },
    breach: (exit) =>
      describeBreach({
        limits,
        exit,
        log: sandbox.log(),
        outputExceeded: sandbox.outputExceeded(),
        limitHit: sandbox.reports('limit')[0]?.what as 'processes' | 'memory' | undefined,
        peakTasks: Number(sandbox.reports('usage')[0]?.peak_tasks ?? 0),
      }),
    kill: sandbox.kill,
  };
}

function connectTcp(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * The bridge socket's folder is writable from inside, so the path could have been replaced by a link
 * to a socket of the host: the path must be a socket itself (not a link), and the peer must greet as
 * the bridge before proofpress says anything; then proofpress proves itself with the secret and names
 * the port, and the bridge answers `ok` once it has connected to it.
 */
async function connectThroughBridge(socketPath: string, secret: string, port: number): Promise<net.Socket> {
  const stat = await lstat(socketPath);
  if (!stat.isSocket()) throw new Error('the sandbox bridge is not a socket (the example replaced it)');
  const socket = net.connect(socketPath);
  try {
    await expectLine(socket, BRIDGE_GREETING);
    socket.write(`${secret} ${port}\n`);
    await expectLine(socket, 'ok');
    return socket;
  } catch (error) {
    socket.destroy();
    throw error;
  }
}

// Read one line from `socket` and require it to be `expected`; bytes after it are put back and the
// socket is left paused, so nothing is lost before the next reader attaches (it resumes the socket).
function expectLine(socket: net.Socket, expected: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const newline = buffered.indexOf(10);
      if (newline === -1 && buffered.length < 256) return;
      cleanup();
      socket.pause();
      const line = buffered.subarray(0, Math.max(newline, 0)).toString('utf8');
      if (newline === -1 || line !== expected) return reject(new Error(`the sandbox bridge answered ${JSON.stringify(line.slice(0, 40))}, not ${expected}`));
      const rest = buffered.subarray(newline + 1);
      if (rest.length > 0) socket.unshift(rest);
      resolve();
    };
    const onEnd = () => {
      cleanup();
      reject(new Error('the sandbox bridge closed the connection (nothing listens on that port any more)'));
    };
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('error', onEnd);
    };
    socket.on('data', onData);
    socket.resume(); // paused by the previous line's reader, if any
    socket.once('end', onEnd);
    socket.once('error', (error) => {
      cleanup();
      reject(error);
    });
  });
}

// The exit report comes on its own pipe and may be read before the last of the example's stdout and
// stderr, which sit in theirs (still open: the supervisor holds them too). Wait until the output has
// stopped growing for a moment, so what the example printed last is captured before it is judged.
const SETTLE_QUIET_MS = 15;
const SETTLE_MAX_MS = 500;
async function outputSettled(sandbox: ProcessHandle): Promise<void> {
  const deadline = Date.now() + SETTLE_MAX_MS;
  let length = -1;
  while (sandbox.log().length !== length && Date.now() < deadline) {
    length = sandbox.log().length;
    await delay(SETTLE_QUIET_MS);
  }
}

function toExit(report: ProcessReport | undefined): ProcessExit | undefined {
  if (!report) return undefined;
  return typeof report.signal === 'string' ? { signal: report.signal } : { exitCode: Number(report.code) };
}
