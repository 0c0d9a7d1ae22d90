// The one way any runner starts an example's processes: a sandbox per example, namespaced or process-level.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResourceLimits } from '../config/schema.ts';
import type { Example } from '../examples/extract.ts';
import { type ProcessExit, type ProcessReport, startProcess } from './process.ts';
import type { PythonRuntime } from './python-runtime.ts';
import { bwrapArgs, etcFiles, INSIDE, insideExecutable, type SandboxHostPaths } from './sandbox/bwrap-args.ts';
import type { Isolation } from './sandbox/isolation.ts';
import { describeBreach, resolveLimits } from './sandbox/limits.ts';

/** Folder of proofpress's own Python helpers (the WSGI host, the FastCGI launcher, the port shim). */
const PYTHON_HELPERS_DIR = fileURLToPath(new URL('./python/', import.meta.url));
const SUPERVISOR = fileURLToPath(new URL('./sandbox/init.py', import.meta.url));
/** Prefix of every sandbox folder: `proofpress-<pid of the build>-<random>`, so a later build can tell stale ones. */
export const SANDBOX_DIR_PREFIX = 'proofpress-';

/** Default file name of a runnable block that has no `file=`. */
export const DEFAULT_FILE_NAME = 'example.py';

/** What every sandbox of a build shares. */
export interface SandboxSettings {
  isolation: Isolation;
  python: PythonRuntime;
  /** The config's default limits; a post and a block may override them. */
  limits: Readonly<ResourceLimits>;
}

/** Where one example runs. Paths are as the example's processes see them unless named `host…`. */
export interface Sandbox {
  isolation: Isolation;
  /** Name of the example's own file in its working folder. */
  fileName: string;
  /** The working folder on the host (its file and `with=` files, nothing else). */
  hostWorkDir: string;
  /** The Python interpreter. */
  python: string;
  /** A folder shared with proofpress (for configs and logs of helpers such as nginx): inside path and host path. */
  runDir: { inside: string; host: string };
  /** Whether ports are the example's own (a network namespace): a server may listen where the article says. */
  privatePorts: boolean;
  limits: ResourceLimits;
  /** Path of one of proofpress's Python helpers. */
  helper(name: string): string;
  /** Start the example's main command under the sandbox's supervisor. */
  start(argv: string[]): SandboxRun;
  dispose(): Promise<void>;
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
  /** Start another command in the same sandbox (same network). */
  spawn(name: string, argv: string[], cwd?: string): SpawnedProcess;
  /** A connection to a port the sandbox reported listening. */
  connect(listening: ProcessReport): net.Socket;
  /** `stopped: exceeded …` when a resource limit ended the run. */
  breach(exit?: ProcessExit): string | undefined;
  kill(): Promise<void>;
}

/** A command started with `SandboxRun.spawn`. */
export interface SpawnedProcess {
  /** How it ended. */
  exited: Promise<ProcessExit>;
  /** SIGKILL it alone (the sandbox goes on). */
  kill(): void;
}

/** Create the sandbox for `example`: its file and companions written exactly as shown in the post. */
export async function createSandbox(example: Example, settings: SandboxSettings): Promise<Sandbox> {
  const root = await mkdtemp(path.join(tmpdir(), `${SANDBOX_DIR_PREFIX}${process.pid}-`));
  const host = {
    work: path.join(root, 'work'),
    run: path.join(root, 'run'),
    etc: path.join(root, 'etc'),
    pythonHelpers: PYTHON_HELPERS_DIR,
    supervisor: SUPERVISOR,
  };
  await Promise.all(['work', 'run', 'etc', 'home', 'tmp', 'site'].map((dir) => mkdir(path.join(root, dir))));
  const fileName = example.spec.file ?? DEFAULT_FILE_NAME;
  await writeFile(path.join(host.work, fileName), example.code);
  for (const companion of example.companions) await writeFile(path.join(host.work, companion.name), companion.code);
  const limits = resolveLimits(settings.limits, example.sandbox.limits);
  const namespaced = settings.isolation.mode === 'namespaces';
  if (namespaced) {
    await Promise.all(Object.entries(etcFiles()).map(([name, text]) => writeFile(path.join(host.etc, name), text)));
  } else {
    await copyFile(path.join(PYTHON_HELPERS_DIR, 'site', 'sitecustomize.py'), path.join(root, 'site', 'sitecustomize.py'));
  }
  const layout = namespaced ? namespacedLayout(settings, example, host, limits) : processLayout(settings, root, host);
  return {
    isolation: settings.isolation,
    fileName,
    hostWorkDir: host.work,
    python: layout.python,
    runDir: { inside: layout.run, host: host.run },
    privatePorts: namespaced && !example.sandbox.network,
    limits,
    helper: (name) => path.posix.join(layout.helpers, 'python', name),
    start: (argv) => startSupervised({ argv, layout, limits, root }),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/** Paths and the supervisor's command line for one isolation mode. */
interface Layout {
  namespaced: boolean;
  python: string;
  helpers: string;
  work: string;
  run: string;
  env: Record<string, string>;
  /** What runs the sandbox's shell: `bwrap … /bin/sh`, or just `/bin/sh` without namespaces. */
  prefix: string[];
  hostCwd: string;
}

function namespacedLayout(settings: SandboxSettings, example: Example, host: SandboxHostPaths, limits: ResourceLimits): Layout {
  const python = insideExecutable(settings.python);
  const bwrap = settings.isolation.bwrap!.executable;
  const args = bwrapArgs({ host, pythons: [settings.python], network: example.sandbox.network, tmpfsBytes: limits.fileSizeMiB * 1024 * 1024 });
  return {
    namespaced: true,
    python,
    helpers: INSIDE.helpers,
    work: INSIDE.work,
    run: INSIDE.run,
    env: exampleEnv({ python, home: INSIDE.home, tmp: '/tmp' }),
    prefix: [bwrap, ...args, '/bin/sh'],
    hostCwd: host.work,
  };
}

function processLayout(settings: SandboxSettings, root: string, host: SandboxHostPaths): Layout {
  const python = settings.python.executable;
  return {
    namespaced: false,
    python,
    helpers: path.dirname(PYTHON_HELPERS_DIR),
    work: host.work,
    run: host.run,
    // The port shim (sitecustomize.py) is what keeps Python servers apart without a network namespace.
    env: { ...exampleEnv({ python, home: path.join(root, 'home'), tmp: path.join(root, 'tmp') }), PYTHONPATH: path.join(root, 'site') },
    prefix: ['/bin/sh'],
    hostCwd: host.work,
  };
}

/**
 * The environment is an allow-list, not the build's environment minus some names: demo_app prints
 * every variable it gets, so anything inherited (tokens, keys) would be published. The sandbox's
 * supervisor is started with exactly this environment too, so /proc/<ppid>/environ holds nothing else.
 */
function exampleEnv(paths: { python: string; home: string; tmp: string }): Record<string, string> {
  return {
    PATH: [path.dirname(paths.python), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    HOME: paths.home,
    TMPDIR: paths.tmp,
    LANG: 'C.UTF-8',
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  };
}

// The sandbox's first process: a POSIX shell sets the limits (inherited by everything it starts), starts
// the supervisor in the background with proofpress's stdin on fd 4, then *execs* the example, so the
// example's start-up never waits for the supervisor's interpreter. `ulimit -u` is bash's name for the
// process limit and `-p` dash's; -f counts 512-byte blocks and -d KiB in both. The CPU limit's hard
// value is one second above the soft one: at the soft limit the kernel sends SIGXCPU, which says what
// happened, where an equal hard limit would SIGKILL first.
const SHELL_SCRIPT = [
  'ulimit -c 0; ulimit -St "$1"; ulimit -Ht $(($1 + 1)); ulimit -f "$2"; ulimit -d "$3"; ulimit -n "$4"',
  'if [ "$5" != 0 ]; then { ulimit -u "$5" || ulimit -p "$5"; } 2>/dev/null; fi',
  'exec 4<&0',
  '"$6" -I -S "$7" "$8" <&4 4<&- &',
  'shift 8',
  'exec "$@" </dev/null 4<&-',
].join('\n');

function startSupervised(options: { argv: string[]; layout: Layout; limits: ResourceLimits; root: string }): SandboxRun {
  const { layout, limits } = options;
  const plan = {
    bridge: layout.namespaced ? path.posix.join(layout.run, 'bridge.sock') : undefined,
    namespaced: layout.namespaced,
    // Only a PID namespace's /proc counts the example's processes alone.
    max_processes: layout.namespaced ? limits.processes : undefined,
  };
  const supervisorPath = path.posix.join(layout.helpers, layout.namespaced ? 'init.py' : 'sandbox/init.py');
  const shellArgs = [
    '-c',
    SHELL_SCRIPT,
    'proofpress-sandbox',
    String(limits.cpuSeconds),
    String(limits.fileSizeMiB * 2048),
    String(limits.memoryMiB * 1024),
    String(limits.openFiles),
    // Without a user namespace RLIMIT_NPROC would count every process of the build's user.
    String(layout.namespaced ? limits.processes : 0),
    layout.python,
    supervisorPath,
    JSON.stringify(plan),
    ...options.argv,
  ];
  const sandbox = startProcess({
    command: layout.prefix[0]!,
    args: [...layout.prefix.slice(1), ...shellArgs],
    cwd: layout.hostCwd,
    env: layout.env,
    stdin: 'pipe',
    maxOutputBytes: limits.outputKiB * 1024,
  });
  // bubblewrap exits with 128 + N when the example died of signal N.
  const mainExit = sandbox.exited.then((exit): ProcessExit => {
    const signal = layout.namespaced && exit.exitCode !== undefined && exit.exitCode > 128 ? signalName(exit.exitCode - 128) : undefined;
    return signal ? { signal } : exit;
  });
  let spawned = 0;
  // In namespaces, ports are reached through the supervisor's bridge socket, which it binds a moment
  // after the example starts: a port reported by the example itself (the FastCGI launcher) waits for it.
  const bridgeReady = layout.namespaced ? sandbox.waitForReport('bridge-ready') : Promise.resolve(undefined);
  return {
    log: sandbox.log,
    stdout: sandbox.stdout,
    waitForReport: async (event, match) => {
      const report = await sandbox.waitForReport(event, match);
      return report && (await bridgeReady, report);
    },
    exited: mainExit,
    spawn: (name, argv, cwd) => {
      const id = `${name}-${++spawned}`;
      sandbox.writeLine(JSON.stringify({ spawn: { id, argv, cwd: cwd ?? layout.work } }));
      const exited = Promise.race([
        sandbox.waitForReport('exited', (report) => report.id === id).then((report) => report && toExit(report)),
        sandbox.exited.then(() => toExit(sandbox.reports('exited').find((report) => report.id === id))),
      ]).then((exit) => exit ?? {});
      return { exited, kill: () => sandbox.writeLine(JSON.stringify({ kill: { id } })) };
    },
    connect: (listening) => {
      const port = Number(listening.port);
      if (!layout.namespaced) return net.connect({ host: typeof listening.address === 'string' ? listening.address : '127.0.0.1', port });
      // The supervisor inside reads the port from the first line, then relays the bytes (see init.py).
      const socket = net.connect(path.join(options.root, 'run', 'bridge.sock'));
      socket.write(`${port}\n`);
      return socket;
    },
    breach: (exit) =>
      describeBreach({
        limits,
        exit,
        log: sandbox.log(),
        outputExceeded: sandbox.outputExceeded(),
        processLimitHit: sandbox.reports('limit').length > 0,
      }),
    kill: sandbox.kill,
  };
}

function signalName(number: number): string | undefined {
  return Object.entries(constants.signals).find(([, value]) => value === number)?.[0];
}

function toExit(report: ProcessReport | undefined): ProcessExit | undefined {
  if (!report) return undefined;
  return typeof report.signal === 'string' ? { signal: report.signal } : { exitCode: Number(report.code) };
}
