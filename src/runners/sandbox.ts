// The one way any runner starts an example's processes: a sandbox per example, namespaced or process-level.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResourceLimits } from '../config/schema.ts';
import type { Example } from '../examples/extract.ts';
import { type ProcessExit, type ProcessReport, startProcess } from './process.ts';
import type { PythonRuntime } from './python-runtime.ts';
import { bwrapArgs, etcFiles, INSIDE, insideExecutable, type SandboxHostPaths } from './sandbox/bwrap-args.ts';
import type { Isolation } from './sandbox/isolation.ts';
import { describeBreach, limitsForSupervisor, resolveLimits } from './sandbox/limits.ts';

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
  /** Start another command in the same sandbox (same network); resolves when it exits. */
  spawn(id: string, argv: string[], cwd?: string): Promise<ProcessExit>;
  /** A connection to a port the sandbox reported listening. */
  connect(listening: ProcessReport): net.Socket;
  /** `stopped: exceeded …` when a resource limit ended the run. */
  breach(exit?: ProcessExit): string | undefined;
  kill(): Promise<void>;
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
  /** The command that runs the supervisor (`bwrap … python` or just `python`), without the supervisor's own arguments. */
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
    prefix: [bwrap, ...args, python],
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
    prefix: [python],
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

function startSupervised(options: { argv: string[]; layout: Layout; limits: ResourceLimits; root: string }): SandboxRun {
  const { layout, limits } = options;
  const bridge = layout.namespaced ? path.posix.join(layout.run, 'bridge.sock') : undefined;
  const plan = {
    main: { argv: options.argv, cwd: layout.work },
    limits: limitsForSupervisor(limits),
    bridge,
    watch_ports: layout.namespaced,
    count_processes: layout.namespaced,
    kill_group_on_exit: !layout.namespaced,
  };
  const supervisor = startProcess({
    command: layout.prefix[0]!,
    args: [...layout.prefix.slice(1), '-I', '-S', path.posix.join(layout.helpers, layout.namespaced ? 'init.py' : 'sandbox/init.py'), JSON.stringify(plan)],
    cwd: layout.hostCwd,
    env: layout.env,
    stdin: 'pipe',
    maxOutputBytes: limits.outputKiB * 1024,
  });
  const exitOf = (id: string) =>
    Promise.race([
      supervisor.waitForReport('exited', (report) => report.id === id).then((report) => report && toExit(report)),
      supervisor.exited.then(async (exit) => toExit(supervisor.reports('exited').find((report) => report.id === id)) ?? exit),
    ]).then((exit) => exit ?? {});
  return {
    log: supervisor.log,
    stdout: supervisor.stdout,
    waitForReport: supervisor.waitForReport,
    exited: exitOf('main'),
    spawn: (id, argv, cwd) => {
      supervisor.writeLine(JSON.stringify({ id, argv, cwd: cwd ?? layout.work }));
      return exitOf(id);
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
        log: supervisor.log(),
        outputExceeded: supervisor.outputExceeded(),
        processLimitHit: supervisor.reports('limit').length > 0,
      }),
    kill: supervisor.kill,
  };
}

function toExit(report: ProcessReport | undefined): ProcessExit | undefined {
  if (!report) return undefined;
  return typeof report.signal === 'string' ? { signal: report.signal } : { exitCode: Number(report.code) };
}
