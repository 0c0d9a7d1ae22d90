// The /etc every sandbox of this build sees: made once per build process, mounted read-only as a whole.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onExit } from 'signal-exit';
import type { PythonRuntime } from '../python-runtime.ts';
import { etcFiles, INSIDE } from './bwrap-args.ts';

// What programs read from /etc, never the whole of it (shadow, ssh host keys, TLS private keys).
// Symlinks are copied as symlinks: they point into /usr (zoneinfo, ca-certificates), which is mounted.
const SHARED = ['alternatives', 'ssl/certs', 'ssl/openssl.cnf', 'localtime', 'nsswitch.conf', 'ld.so.cache', 'ld.so.conf', 'ld.so.conf.d', 'mime.types', 'protocols', 'services'];

// One folder per build process and interpreter: one bind mount per sandbox instead of a dozen, and
// nothing to write per example. It is removed when the process exits; a build killed before that
// leaves it for the next build's sweep (its name starts like every sandbox folder).
const made = new Map<string, Promise<string>>();

/** The folder to mount as /etc in sandboxes running `python`. */
export function sharedEtc(python: PythonRuntime, prefix: string): Promise<string> {
  let folder = made.get(python.prefix);
  if (!folder) made.set(python.prefix, (folder = makeEtc(python, prefix)));
  return folder;
}

async function makeEtc(python: PythonRuntime, prefix: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), `${prefix}${process.pid}-etc-`));
  onExit(() => rmSync(root, { recursive: true, force: true }));
  const etc = path.join(root, 'etc');
  for (const name of SHARED) {
    if (existsSync(path.join('/etc', name))) await cp(path.join('/etc', name), path.join(etc, name), { recursive: true, verbatimSymlinks: true });
  }
  // resolv.conf is often a link into /run; its content is what a post with `network: true` needs.
  const resolver = await readFile('/etc/resolv.conf', 'utf8').catch(() => '');
  await Promise.all(Object.entries({ ...etcFiles(python), 'resolv.conf': resolver }).map(([name, text]) => writeFile(path.join(etc, name), text)));
  await relocateVenvScripts(python, venvScriptsBeside(etc));
  return etc;
}

/** The folder of relocated venv scripts that goes with a shared /etc folder (see relocateVenvScripts). */
export function venvScriptsBeside(etc: string): string {
  return path.join(path.dirname(etc), 'venv-bin');
}

// The programs pip installs into the venv's bin/ (pip, flask, uvicorn …) start with `#!<venv>/bin/python`,
// the venv's path on the build machine, which does not exist in the sandbox (the venv is seen at
// INSIDE.venv). Copies with only that path changed are mounted over them, one file each, so
// `flask --app hello run` runs as typed. Long paths make pip write a `#!/bin/sh` + `exec` preamble
// instead: the path is replaced wherever it appears in the first lines.
async function relocateVenvScripts(python: PythonRuntime, target: string): Promise<void> {
  if (python.prefix === python.basePrefix) return;
  const bin = path.join(python.prefix, 'bin');
  const hostPath = `${bin}/`;
  await mkdir(target, { recursive: true });
  const names = await readdir(bin).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const text = await readFile(path.join(bin, name), 'utf8').catch(() => '');
      if (!text.startsWith('#!')) return;
      const lines = text.split('\n');
      const head = lines.slice(0, 3).join('\n');
      if (!head.includes(hostPath)) return;
      await writeFile(path.join(target, name), [head.split(hostPath).join(`${INSIDE.venv}/bin/`), ...lines.slice(3)].join('\n'), { mode: 0o755 });
    }),
  );
}

/** Remove the folders made so far (tests that build many times in one process). */
export async function removeSharedEtc(): Promise<void> {
  const folders = await Promise.all(made.values());
  made.clear();
  await Promise.all(folders.map((etc) => rm(path.dirname(etc), { recursive: true, force: true })));
}
