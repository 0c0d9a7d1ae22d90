// The bubblewrap command line of one example: which namespaces, which folders it sees and where.
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import type { PythonRuntime } from '../python-runtime.ts';

/** Fixed paths inside every sandbox, so captured output is the same on every machine and names no host path. */
export const INSIDE = {
  /** The example's own folder: its file and `with=` files; the only writable folder that outlives a process. */
  work: '/example',
  /** Files proofpress and the supervisor share (the bridge socket, nginx's config and logs). */
  run: '/run/proofpress',
  home: '/home/example',
  /** proofpress's own helpers (the supervisor, the WSGI host, the FastCGI launcher), read-only. */
  helpers: '/opt/proofpress',
  /** The project's virtual environment, read-only. */
  venv: '/opt/venv',
} as const;

/** The uid and gid examples run as inside (mapped to the build's own user outside). */
export const INSIDE_UID = 1000;

// Merged-/usr systems make these symlinks into /usr; older layouts have real folders.
const ROOT_LINKS = ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32'];
// What programs read from /etc, never the whole of it (shadow, ssh host keys, TLS private keys).
const ETC_SHARED = ['alternatives', 'ssl/certs', 'ssl/openssl.cnf', 'localtime', 'nsswitch.conf', 'ld.so.cache', 'ld.so.conf', 'ld.so.conf.d', 'mime.types', 'protocols', 'services'];

/** Host folders and files of one sandbox. */
export interface SandboxHostPaths {
  work: string;
  run: string;
  /** Folder holding the generated passwd, group and hosts files. */
  etc: string;
  /** proofpress's helpers: the folder of Python helpers and the supervisor file. */
  pythonHelpers: string;
  supervisor: string;
}

export interface BwrapOptions {
  host: SandboxHostPaths;
  pythons: PythonRuntime[];
  network: boolean;
  /** Size of the private /tmp and home, in bytes. */
  tmpfsBytes: number;
}

/** The arguments before the command: namespaces, mounts, the working folder. */
export function bwrapArgs(options: BwrapOptions): string[] {
  const args = ['--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', '--new-session'];
  args.push('--uid', String(INSIDE_UID), '--gid', String(INSIDE_UID), '--hostname', 'example');
  if (options.network) args.push('--share-net', '--ro-bind-try', '/etc/resolv.conf', '/etc/resolv.conf');
  args.push(...systemArgs());
  for (const name of ETC_SHARED) args.push('--ro-bind-try', `/etc/${name}`, `/etc/${name}`);
  for (const name of ['passwd', 'group', 'hosts']) args.push('--ro-bind', path.join(options.host.etc, name), `/etc/${name}`);
  args.push('--proc', '/proc', '--dev', '/dev');
  args.push('--size', String(options.tmpfsBytes), '--tmpfs', '/tmp', '--size', String(options.tmpfsBytes), '--tmpfs', INSIDE.home);
  for (const python of options.pythons) args.push(...pythonMounts(python));
  args.push('--ro-bind', options.host.pythonHelpers, `${INSIDE.helpers}/python`, '--ro-bind', options.host.supervisor, `${INSIDE.helpers}/init.py`);
  args.push('--bind', options.host.work, INSIDE.work, '--bind', options.host.run, INSIDE.run);
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

// The installation is seen at its own path (interpreters and venvs point at it by absolute path); a
// venv at INSIDE.venv, so that paths the example prints do not name the project's folder.
function pythonMounts(python: PythonRuntime): string[] {
  const mounts = isUnder(python.basePrefix, '/usr') ? [] : ['--ro-bind', python.basePrefix, python.basePrefix];
  if (python.prefix !== python.basePrefix) mounts.push('--ro-bind', python.prefix, INSIDE.venv);
  return mounts;
}

/** Where `python`'s executable is inside the sandbox. */
export function insideExecutable(python: PythonRuntime): string {
  if (python.prefix === python.basePrefix || !isUnder(python.executable, python.prefix)) return python.executable;
  return path.posix.join(INSIDE.venv, path.relative(python.prefix, python.executable));
}

function isUnder(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
}

/** The passwd, group and hosts files every sandbox gets: one user, localhost on both address families. */
export function etcFiles(): Record<'passwd' | 'group' | 'hosts', string> {
  return {
    passwd: `root:x:0:0:root:/root:/bin/sh\nexample:x:${INSIDE_UID}:${INSIDE_UID}:example:${INSIDE.home}:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n`,
    group: `root:x:0:\nexample:x:${INSIDE_UID}:\nnogroup:x:65534:\n`,
    hosts: '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n',
  };
}
