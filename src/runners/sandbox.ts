// The one way any runner starts an example's processes: a sandbox per example, namespaced or process-level.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResourceLimits } from '../config/schema.ts';
import type { Example } from '../examples/extract.ts';
import type { PythonRuntime } from './python-runtime.ts';
import { bwrapArgs, INSIDE, insideExecutable, type SandboxHostPaths } from './sandbox/bwrap-args.ts';
import { sharedEtc } from './sandbox/etc.ts';
import type { Isolation } from './sandbox/isolation.ts';
import { resolveLimits } from './sandbox/limits.ts';
import { type SandboxRun, startSupervised, type SupervisorLayout } from './sandbox/supervisor.ts';

export { describeIsolation, detectIsolation, type Isolation } from './sandbox/isolation.ts';
export { resolveLimits } from './sandbox/limits.ts';
export type { SandboxRun, SpawnedProcess } from './sandbox/supervisor.ts';

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

/**
 * Create the sandbox for `example`: its file and companions written exactly as shown in the post.
 * The few small files are written synchronously: a dozen round trips through libuv's thread pool
 * cost ~3 ms, a tenth of the time the sandbox adds to an example.
 */
export async function createSandbox(example: Example, settings: SandboxSettings): Promise<Sandbox> {
  const root = mkdtempSync(path.join(tmpdir(), `${SANDBOX_DIR_PREFIX}${process.pid}-`));
  const namespaced = settings.isolation.mode === 'namespaces';
  const host: SandboxHostPaths = {
    files: path.join(root, 'files'),
    control: path.join(root, 'control'),
    bridge: path.join(root, 'bridge'),
    etc: namespaced ? await sharedEtc(settings.python, SANDBOX_DIR_PREFIX) : '',
    pythonHelpers: PYTHON_HELPERS_DIR,
    supervisor: SUPERVISOR,
  };
  const folders = namespaced ? ['files', 'control', 'bridge'] : ['files', 'control', 'home', 'tmp', 'site'];
  for (const dir of folders) mkdirSync(path.join(root, dir));
  const fileName = example.spec.file ?? DEFAULT_FILE_NAME;
  writeFileSync(path.join(host.files, fileName), example.code);
  for (const companion of example.companions) writeFileSync(path.join(host.files, companion.name), companion.code);
  const limits = resolveLimits(settings.limits, example.sandbox.limits);
  if (!namespaced) copyFileSync(path.join(PYTHON_HELPERS_DIR, 'site', 'sitecustomize.py'), path.join(root, 'site', 'sitecustomize.py'));
  const layout = namespaced ? namespacedLayout(settings, example, host, limits) : processLayout(settings, root, host);
  return {
    isolation: settings.isolation,
    fileName,
    python: layout.python,
    controlDir: { inside: namespaced ? INSIDE.control : host.control, host: host.control },
    scratchDir: namespaced ? '/tmp' : path.join(root, 'tmp'),
    privatePorts: namespaced && !example.sandbox.network,
    limits,
    helper: (name) => path.posix.join(layout.helpers, 'python', name),
    start: (argv) => startSupervised({ argv, layout, limits, secret: randomBytes(16).toString('hex') }),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

function namespacedLayout(settings: SandboxSettings, example: Example, host: SandboxHostPaths, limits: ResourceLimits): SupervisorLayout {
  const python = insideExecutable(settings.python);
  const args = bwrapArgs({ host, python: settings.python, network: example.sandbox.network, tmpfsBytes: limits.diskMiB * 1024 * 1024 });
  return {
    namespaced: true,
    sharedNetwork: example.sandbox.network,
    python,
    helpers: INSIDE.helpers,
    supervisor: `${INSIDE.helpers}/init.py`,
    work: INSIDE.work,
    copyFrom: INSIDE.files,
    bridge: { inside: `${INSIDE.bridge}/bridge.sock`, host: path.join(host.bridge, 'bridge.sock') },
    env: exampleEnv({ python, home: INSIDE.home, tmp: '/tmp' }),
    prefix: [settings.isolation.bwrap!.executable, ...args],
    hostCwd: host.files,
  };
}

function processLayout(settings: SandboxSettings, root: string, host: SandboxHostPaths): SupervisorLayout {
  const python = settings.python.executable;
  return {
    namespaced: false,
    sharedNetwork: true,
    python,
    helpers: path.dirname(PYTHON_HELPERS_DIR),
    supervisor: SUPERVISOR,
    work: host.files,
    // The port shim (sitecustomize.py) is what keeps Python servers apart without a network namespace.
    env: { ...exampleEnv({ python, home: path.join(root, 'home'), tmp: path.join(root, 'tmp') }), PYTHONPATH: path.join(root, 'site') },
    prefix: [],
    hostCwd: host.files,
  };
}

/**
 * The environment is an allow-list, not the build's environment minus some names: demo_app prints
 * every variable it gets, so anything inherited (tokens, keys) would be published. The sandbox's
 * supervisor is started with exactly this environment too, so /proc/1/environ holds nothing else.
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
