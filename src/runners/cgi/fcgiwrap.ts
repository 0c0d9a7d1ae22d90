// Finds fcgiwrap, the small FastCGI server that runs a CGI script per request (nginx has no CGI of its own), and the command that starts it in a sandbox.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';

/** An fcgiwrap binary and its version (`1.1.0`). */
export interface FcgiwrapInstall {
  executable: string;
  version: string;
}

// Debian installs it in /usr/sbin (package fcgiwrap), which is not on a normal user's PATH; Homebrew in its prefix.
const WELL_KNOWN = ['/usr/sbin/fcgiwrap', '/usr/local/sbin/fcgiwrap', '/opt/homebrew/sbin/fcgiwrap', '/usr/local/bin/fcgiwrap'];

// Which fcgiwrap is installed cannot change during a build, so it is looked up once per process.
let installed: Promise<FcgiwrapInstall | undefined> | undefined;

/** The installed fcgiwrap (well-known paths, then PATH) with its version, or undefined when there is none. */
export function findFcgiwrap(): Promise<FcgiwrapInstall | undefined> {
  installed ??= probeFcgiwrap();
  return installed;
}

async function probeFcgiwrap(): Promise<FcgiwrapInstall | undefined> {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'fcgiwrap'));
  for (const executable of [...WELL_KNOWN, ...onPath]) {
    if (!(await access(executable, constants.X_OK).then(() => true, () => false))) continue;
    // It has no version flag; its help says `fcgiwrap version 1.1.0` (on stderr, exit 0).
    const result = await execa(executable, ['-h'], { reject: false, timeout: 10_000, stdin: 'ignore', all: true });
    const version = /fcgiwrap version (\S+)/.exec(String(result.all))?.[1];
    if (version) return { executable, version };
  }
  return undefined;
}

/**
 * The sandbox's main command: make the script executable, as whoever installs a CGI script does (the
 * post's text stays byte for byte as shown), then become fcgiwrap listening on `socketUrl`
 * (`tcp:127.0.0.1:9000`, `unix:/path`). fcgiwrap runs each request's SCRIPT_FILENAME from its folder,
 * with the request's CGI variables over its own environment (the sandbox's allow-list, whose PATH puts
 * the post's interpreter first, so `#!/usr/bin/env python` finds it).
 */
export function fcgiwrapCommand(install: FcgiwrapInstall, script: string, socketUrl: string): string[] {
  return ['/bin/sh', '-c', 'chmod a+x -- "$0" && exec "$@"', script, install.executable, '-s', socketUrl];
}
