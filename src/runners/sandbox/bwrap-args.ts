// The bubblewrap command line of one example: which namespaces, which folders it sees and where.
import { existsSync, readdirSync, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import type { PythonRuntime } from '../python-runtime.ts';

/** Fixed paths inside every sandbox, so what examples print is the same on every machine. */
export const INSIDE = {
  /** The example's own folder, a size-limited tmpfs holding copies of its file and `with=` files. */
  work: '/example',
  /** Read-only: the example's files as proofpress wrote them (copied into `work` by the supervisor). */
  files: '/run/proofpress/files',
  /** Read-only: configurations proofpress writes for helpers (nginx.conf). */
  control: '/run/proofpress/control',
  home: '/home/example',
  /** proofpress's own helpers (the supervisor, the WSGI host, the FastCGI launcher), read-only. */
  helpers: '/opt/proofpress',
  /** The interpreter's installation and the project's virtual environment, read-only. */
  python: '/opt/python',
  venv: '/opt/venv',
  /** Read-only: packages proofpress installed for an interpreter without a venv (Python 2, PROOFPRESS_PYTHON), on PYTHONPATH. */
  packages: '/opt/site-packages',
} as const;

/** The uid and gid examples run as inside (mapped to the build's own user outside). */
export const INSIDE_UID = 1000;

// Merged-/usr systems make these symlinks into /usr; older layouts have real folders.
const ROOT_LINKS = ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32'];

/** Host folders of one sandbox, all read-only inside (the bridge socket's folder is not mounted at all). */
export interface SandboxHostPaths {
  files: string;
  control: string;
  /** The sandboxes' /etc (see etc.ts): a few of the host's files, generated passwd, group, hosts and pyvenv.cfg. */
  etc: string;
  /** proofpress's helpers: the folder of Python helpers and the supervisor file. */
  pythonHelpers: string;
  supervisor: string;
}

export interface BwrapOptions {
  host: SandboxHostPaths;
  python: PythonRuntime;
  /**
   * The Python 3 that runs the supervisor when the example's Python is older (Python 2.7): seen read-only
   * at its own path (nothing under /usr needs a mount). Absent: the example's Python runs it.
   */
  helperPython?: PythonRuntime;
  /** Share the host's network (a post's `network: true`). */
  network: boolean;
  /** Installations outside /usr seen read-only at their own paths (Node.js under ~/.nvm, say). */
  tools: string[];
  /** Host folders a language needs, seen read-only at a fixed path inside (Go's build cache). @default [] */
  mounts?: { host: string; inside: string }[];
  /** Size of each writable tmpfs (/example, /tmp, home, /dev/shm), in bytes. */
  tmpfsBytes: number;
}

/** The arguments before the command: namespaces, mounts, the working folder. */
export function bwrapArgs(options: BwrapOptions): string[] {
  const { host } = options;
  const size = String(options.tmpfsBytes);
  const args = ['--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', '--new-session', '--as-pid-1'];
  args.push('--uid', String(INSIDE_UID), '--gid', String(INSIDE_UID), '--hostname', 'example');
  args.push(...systemArgs(), '--ro-bind', host.etc, '/etc');
  if (options.network) args.push('--share-net');
  // Kernel settings read-only: when the build runs as root, the example's uid is root outside, and
  // bubblewrap's own read-only cover for /proc/sys is skipped (its write check on the folder fails).
  args.push('--proc', '/proc', '--ro-bind', '/proc/sys', '/proc/sys', '--ro-bind-try', '/proc/sysrq-trigger', '/proc/sysrq-trigger');
  args.push('--dev', '/dev', '--size', size, '--tmpfs', '/dev/shm', '--remount-ro', '/dev');
  for (const folder of ['/tmp', INSIDE.home, INSIDE.work]) args.push('--size', size, '--tmpfs', folder);
  args.push(...pythonMounts(options.python, path.join(host.etc, 'pyvenv.cfg')));
  if (options.python.packagesDir) args.push('--ro-bind', options.python.packagesDir, INSIDE.packages);
  if (options.helperPython) args.push(...ownPathMounts(options.helperPython));
  for (const tool of options.tools) if (!isUnder(tool, '/usr')) args.push('--ro-bind', tool, tool);
  for (const mount of options.mounts ?? []) args.push('--ro-bind', mount.host, mount.inside);
  args.push('--ro-bind', host.pythonHelpers, `${INSIDE.helpers}/python`, '--ro-bind', host.supervisor, `${INSIDE.helpers}/init.py`);
  args.push('--ro-bind', host.files, INSIDE.files, '--ro-bind', host.control, INSIDE.control);
  args.push('--remount-ro', '/', '--chdir', INSIDE.work);
  return args;
}

/** /usr read-only and the root folders that lead into it (/bin, /lib64 …), as the host has them. */
export function systemArgs(): string[] {
  return ['--ro-bind', '/usr', '/usr', ...ROOT_LINKS.flatMap((name) => rootEntry(`/${name}`))];
}

function rootEntry(entry: string): string[] {
  if (!existsSync(entry)) return [];
  const stat = lstatSync(entry);
  if (stat.isSymbolicLink()) return ['--symlink', readlinkSync(entry), entry];
  return stat.isDirectory() ? ['--ro-bind', entry, entry] : [];
}

// An installation outside /usr is seen at INSIDE.python, so tracebacks name no folder of the build
// machine; it is also bound at its own path, where the interpreter's shared library is looked up
// (its RUNPATH is absolute). A venv is seen at INSIDE.venv with a pyvenv.cfg pointing at INSIDE.python.
function pythonMounts(python: PythonRuntime, pyvenvCfg: string): string[] {
  const relocated = !isUnder(python.basePrefix, '/usr');
  const mounts = relocated ? ['--ro-bind', python.basePrefix, python.basePrefix, '--ro-bind', python.basePrefix, INSIDE.python] : [];
  if (python.prefix !== python.basePrefix) {
    mounts.push('--ro-bind', python.prefix, INSIDE.venv);
    if (relocated) mounts.push('--ro-bind', pyvenvCfg, `${INSIDE.venv}/pyvenv.cfg`);
    // The venv's programs (pip, flask …) with their `#!` line naming INSIDE.venv (see etc.ts).
    const scripts = path.join(path.dirname(path.dirname(pyvenvCfg)), 'venv-bin');
    for (const name of existsSync(scripts) ? readdirSync(scripts) : []) mounts.push('--ro-bind', path.join(scripts, name), `${INSIDE.venv}/bin/${name}`);
  }
  return mounts;
}

// An interpreter seen where it is on the host: its installation (and its venv, if it is one) outside /usr.
function ownPathMounts(python: PythonRuntime): string[] {
  const folders = [...new Set([python.basePrefix, python.prefix])].filter((folder) => !isUnder(folder, '/usr'));
  return folders.flatMap((folder) => ['--ro-bind', folder, folder]);
}

/** Where `python`'s executable is inside the sandbox. */
export function insideExecutable(python: PythonRuntime): string {
  if (python.prefix !== python.basePrefix && isUnder(python.executable, python.prefix)) {
    return path.posix.join(INSIDE.venv, path.relative(python.prefix, python.executable));
  }
  if (!isUnder(python.basePrefix, '/usr') && isUnder(python.executable, python.basePrefix)) {
    return path.posix.join(INSIDE.python, path.relative(python.basePrefix, python.executable));
  }
  return python.executable;
}

function isUnder(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
}

/** The generated files every sandbox gets: one user, localhost on both address families, the venv's pyvenv.cfg relocated. */
export function etcFiles(python: PythonRuntime): Record<'passwd' | 'group' | 'hosts' | 'pyvenv.cfg', string> {
  return {
    passwd: `root:x:0:0:root:/root:/bin/sh\nexample:x:${INSIDE_UID}:${INSIDE_UID}:example:${INSIDE.home}:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n`,
    group: `root:x:0:\nexample:x:${INSIDE_UID}:\nnogroup:x:65534:\n`,
    hosts: '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n',
    'pyvenv.cfg': relocatedPyvenvCfg(python),
  };
}

// The venv's own pyvenv.cfg names the installation by its host path (`home = /root/.pyenv/…/bin`,
// `executable`, `command`); inside, home is INSIDE.python/bin and the rest is left out.
function relocatedPyvenvCfg(python: PythonRuntime): string {
  let original = '';
  try {
    original = readFileSync(path.join(python.prefix, 'pyvenv.cfg'), 'utf8');
  } catch {
    return '';
  }
  const kept = original.split('\n').filter((line) => /^\s*(include-system-site-packages|version|version_info)\s*=/.test(line));
  return [`home = ${INSIDE.python}/bin`, ...kept, ''].join('\n');
}
