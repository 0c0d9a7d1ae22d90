// The one way any runner starts an example's processes: a sandbox per example, namespaced or process-level.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LimitFunction } from 'p-limit';
import type { ResourceLimits } from '../config/schema.ts';
import type { Example } from '../examples/extract.ts';
import { RunnerError } from '../errors.ts';
import { runtimeKey } from './build-pythons.ts';
import { languageRunner, type SandboxNeeds } from './languages.ts';
import { HELPER_MINIMUM, type PythonRuntime, versionAtLeast } from './python-runtime.ts';
import { bwrapArgs, INSIDE, insideExecutable, type SandboxHostPaths } from './sandbox/bwrap-args.ts';
import { sharedEtc } from './sandbox/etc.ts';
import type { Isolation } from './sandbox/isolation.ts';
import { resolveLimits } from './sandbox/limits.ts';
import { createSandboxPool, type SandboxPool, type WarmSlot } from './sandbox/pool.ts';
import { launchSupervisor, runSupervised, type SandboxRun, type Supervisor, type SupervisorLayout } from './sandbox/supervisor.ts';

export { describeIsolation, detectIsolation, type Isolation } from './sandbox/isolation.ts';
export { resolveLimits } from './sandbox/limits.ts';
export type { SandboxRun, SpawnedProcess } from './sandbox/supervisor.ts';

/** Warm sandboxes for one run of many examples; drain it when the run ends. */
export type WarmSandboxes = SandboxPool<Slot>;

/** A pool of up to `size` warm sandboxes (one per example running at once is enough). */
export function createWarmSandboxes(size: number): WarmSandboxes {
  return createSandboxPool<Slot>(size);
}

/** Folder of proofpress's own Python helpers (the WSGI host, the FastCGI launcher, the port shim). */
const PYTHON_HELPERS_DIR = fileURLToPath(new URL('./python/', import.meta.url));
const SUPERVISOR = fileURLToPath(new URL('./sandbox/init.py', import.meta.url));
/** Prefix of every sandbox folder: `proofpress-<pid of the build>-<random>`, so a later build can tell stale ones. */
export const SANDBOX_DIR_PREFIX = 'proofpress-';


/** What every sandbox of a build shares. */
export interface SandboxSettings {
  isolation: Isolation;
  /** The example's Python (runExample sets the example's own). */
  python: PythonRuntime;
  /** A Python 3.6+ for the supervisor and the bridge when `python` is older (init.py is Python 3). */
  helperPython?: PythonRuntime;
  /** The config's default limits; a post and a block may override them. */
  limits: Readonly<ResourceLimits>;
  /** Warm sandboxes of the running build (verifyAll makes one); without it each sandbox starts cold. */
  pool?: WarmSandboxes;
  /**
   * Runs examples that share the host's network (a post's `network: true`) one at a time: they bind
   * the ports their articles name on the host itself, where two at once would collide.
   */
  hostNetwork?: LimitFunction;
}

/** Where one example runs. Paths are as the example's processes see them unless named `host…`. */
export interface Sandbox {
  isolation: Isolation;
  /** Name of the example's own file in its working folder; empty for console sessions and doctests, which have none. */
  fileName: string;
  /** The Python interpreter. */
  python: string;
  /** Configuration files for helpers (nginx): written by proofpress on the host, read-only inside. */
  controlDir: { inside: string; host: string };
  /** A folder where helpers may write (pid files, temp files), private to the sandbox in namespaces. */
  scratchDir: string;
  /** Whether ports are the example's own (a network namespace): a server may listen where the article says. */
  privatePorts: boolean;
  limits: ResourceLimits;
  /** Path of one of proofpress's Python helpers. */
  helper(name: string): string;
  /** Start the example's main command under the sandbox's supervisor. */
  start(argv: string[]): SandboxRun;
  dispose(): Promise<void>;
}

/** A sandbox before its example is known: its folders and a warm supervisor. */
interface Slot extends WarmSlot {
  root: string;
  host: SandboxHostPaths;
  layout: SupervisorLayout;
  supervisor: Supervisor;
}

/** What must be fixed when a sandbox starts (the rest comes with its example). */
interface Shape {
  /** The interpreter and its packages folder (runtimeKey): its mounts, PATH and the supervisor's Python depend on it. */
  python: string;
  network: boolean;
  diskMiB: number;
  /** What the example's language adds (Go: its toolchain, its read-only build cache, its variables). */
  needs: SandboxNeeds;
}

const NO_NEEDS: SandboxNeeds = { tools: [], mounts: [], env: {} };

/**
 * Create the sandbox for `example`: its file (as `fileName`) and companions written exactly as shown in the post,
 * into a warm slot of the build's pool when one is ready. The few small files are written
 * synchronously: a dozen round trips through libuv's thread pool cost ~3 ms.
 */
export async function createSandbox(example: Example, settings: SandboxSettings, fileName: string | undefined): Promise<Sandbox> {
  const limits = resolveLimits(settings.limits, example.sandbox.limits);
  // Before any slot is taken: what a language needs is fixed when its sandbox starts, so it is part of the shape.
  const needs = (await languageRunner(example).prepare?.(example, settings.isolation)) ?? NO_NEEDS;
  const shape: Shape = { python: runtimeKey(settings.python), network: example.sandbox.network, diskMiB: limits.diskMiB, needs };
  const key = JSON.stringify(shape);
  const etc = settings.isolation.mode === 'namespaces' ? await sharedEtc(settings.python, SANDBOX_DIR_PREFIX) : '';
  const slot = settings.pool?.take(key) ?? prepareSlot(settings, shape, etc);
  settings.pool?.refill(key, () => prepareSlot(settings, shape, etc));
  // A program of a `session=` is the session's blocks so far, each as shown, one after the other.
  if (fileName !== undefined) writeFileSync(path.join(slot.host.files, fileName), [...example.preceding.map((block) => block.code), example.code].join(''));
  for (const companion of example.companions) writeFileSync(path.join(slot.host.files, companion.name), companion.code);
  const namespaced = slot.layout.namespaced;
  return {
    isolation: settings.isolation,
    fileName: fileName ?? '',
    python: slot.layout.python,
    controlDir: { inside: namespaced ? INSIDE.control : slot.host.control, host: slot.host.control },
    scratchDir: namespaced ? '/tmp' : path.join(slot.root, 'tmp'),
    privatePorts: namespaced && !shape.network,
    limits,
    helper: (name) => path.posix.join(slot.layout.helpers, 'python', name),
    start: (argv) => runSupervised(slot.supervisor, argv, limits),
    dispose: slot.dispose,
  };
}

function prepareSlot(settings: SandboxSettings, shape: Shape, etc: string): Slot {
  const root = mkdtempSync(path.join(tmpdir(), `${SANDBOX_DIR_PREFIX}${process.pid}-`));
  const namespaced = settings.isolation.mode === 'namespaces';
  const host: SandboxHostPaths = {
    files: path.join(root, 'files'),
    control: path.join(root, 'control'),
    etc,
    pythonHelpers: PYTHON_HELPERS_DIR,
    supervisor: SUPERVISOR,
  };
  for (const dir of namespaced ? ['files', 'control'] : ['files', 'control', 'home', 'tmp', 'site']) mkdirSync(path.join(root, dir));
  if (!namespaced) copyFileSync(path.join(PYTHON_HELPERS_DIR, 'site', 'sitecustomize.py'), path.join(root, 'site', 'sitecustomize.py'));
  const bridgeDir = namespaced ? makeBridgeFolder(root) : undefined;
  const layout = namespaced ? namespacedLayout(settings, shape, host, path.join(bridgeDir!, BRIDGE_SOCKET)) : processLayout(settings, shape, root, host);
  const supervisor = launchSupervisor(layout);
  let exited = false;
  void supervisor.process.exited.then(() => (exited = true));
  return {
    root,
    host,
    layout,
    supervisor,
    alive: () => !exited,
    dispose: async () => {
      await supervisor.process.kill();
      await rm(root, { recursive: true, force: true });
      if (bridgeDir && !bridgeDir.startsWith(root + path.sep)) await rm(bridgeDir, { recursive: true, force: true });
    },
  };
}

const BRIDGE_SOCKET = 'bridge.sock';
// A Unix socket's path must fit in sun_path: 108 bytes on Linux, with its terminating NUL.
const SOCKET_PATH_MAX = 107;

/**
 * The bridge socket's folder: `bridge/` in the sandbox folder, unless a long TMPDIR would make the socket's path
 * too long for a Unix socket; then a folder of its own under /tmp (named like sandbox folders, for the sweep).
 */
function makeBridgeFolder(root: string): string {
  const inside = path.join(root, 'bridge');
  if (Buffer.byteLength(path.join(inside, BRIDGE_SOCKET)) <= SOCKET_PATH_MAX) {
    mkdirSync(inside);
    return inside;
  }
  return mkdtempSync(path.join('/tmp', `${SANDBOX_DIR_PREFIX}${process.pid}-bridge-`));
}

function namespacedLayout(settings: SandboxSettings, shape: Shape, host: SandboxHostPaths, bridgeSocket: string): SupervisorLayout {
  const python = insideExecutable(settings.python);
  const supervisor = supervisorPython(settings);
  // Node.js (the one running proofpress) for JavaScript examples: its installation, wherever it is.
  const tools = [path.dirname(path.dirname(process.execPath)), ...shape.needs.tools];
  const helperPython = supervisor === settings.python ? undefined : supervisor;
  const args = bwrapArgs({ host, python: settings.python, helperPython, network: shape.network, tools, mounts: shape.needs.mounts, tmpfsBytes: shape.diskMiB * 1024 * 1024 });
  const packages: Record<string, string> = settings.python.packagesDir ? { PYTHONPATH: INSIDE.packages } : {};
  return {
    namespaced: true,
    sharedNetwork: shape.network,
    python,
    // The helper Python is seen at its own path (bwrapArgs binds it there, for its shared library).
    supervisorPython: helperPython ? helperPython.executable : python,
    helpers: INSIDE.helpers,
    supervisor: `${INSIDE.helpers}/init.py`,
    work: INSIDE.work,
    copyFrom: INSIDE.files,
    bridge: bridgeSocket,
    env: { ...exampleEnv({ python, home: INSIDE.home, tmp: '/tmp' }), ...packages, ...shape.needs.env },
    // The bridge socket is made on the host and handed to the supervisor as fd 4 (see bridge_exec.py).
    prefix: [supervisor.executable, '-I', '-S', path.join(PYTHON_HELPERS_DIR, 'bridge_exec.py'), bridgeSocket, '--', settings.isolation.bwrap!.executable, ...args],
    hostCwd: host.files,
  };
}

function processLayout(settings: SandboxSettings, shape: Shape, root: string, host: SandboxHostPaths): SupervisorLayout {
  const python = settings.python.executable;
  // The port shim (sitecustomize.py) is what keeps Python servers apart without a network namespace; the
  // packages proofpress installed for the interpreter (Python 2, PROOFPRESS_PYTHON) come after it.
  const pythonPath = [path.join(root, 'site'), ...(settings.python.packagesDir ? [settings.python.packagesDir] : [])].join(path.delimiter);
  return {
    namespaced: false,
    sharedNetwork: true,
    python,
    supervisorPython: supervisorPython(settings).executable,
    helpers: path.dirname(PYTHON_HELPERS_DIR),
    supervisor: SUPERVISOR,
    work: host.files,
    env: { ...exampleEnv({ python, home: path.join(root, 'home'), tmp: path.join(root, 'tmp') }), PYTHONPATH: pythonPath, ...shape.needs.env },
    prefix: [],
    hostCwd: host.files,
  };
}

/**
 * The Python that runs the supervisor (init.py) and the bridge: the example's own when it is 3.6+ (one
 * interpreter in the sandbox, as ever), else the build's helper Python 3. init.py stays Python 3 only: it
 * is PID 1 and the sandbox's guard (sock_diag, limits, the bridge), and Python 2's os.pipe, socket and
 * signal semantics differ in the very places it relies on.
 */
function supervisorPython(settings: SandboxSettings): PythonRuntime {
  if (versionAtLeast(settings.python.version, ...HELPER_MINIMUM)) return settings.python;
  if (settings.helperPython) return settings.helperPython;
  throw new RunnerError(`proofpress's sandbox supervisor needs Python 3.6 or newer beside Python ${settings.python.version}, and none was prepared`, {
    hint: 'Install Python 3 (e.g. `apt-get install python3`); the build finds /usr/bin/python3 or python3 on PATH.',
  });
}

// Node.js's folder on PATH when it is not one of the usual ones (~/.nvm/…/bin), so examples find `node`.
function nodeDir(): string[] {
  const dir = path.dirname(process.execPath);
  return ['/usr/local/bin', '/usr/bin', '/bin'].includes(dir) ? [] : [dir];
}

/**
 * The environment is an allow-list, not the build's environment minus some names: demo_app prints
 * every variable it gets, so anything inherited (tokens, keys) would be published. The sandbox's
 * supervisor is started with exactly this environment too, so /proc/1/environ holds nothing else.
 */
function exampleEnv(paths: { python: string; home: string; tmp: string }): Record<string, string> {
  return {
    PATH: [...new Set([path.dirname(paths.python), ...nodeDir(), '/usr/local/bin', '/usr/bin', '/bin'])].join(':'),
    HOME: paths.home,
    TMPDIR: paths.tmp,
    LANG: 'C.UTF-8',
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  };
}
