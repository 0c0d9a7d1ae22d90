// Stops the build when the command that launched it is killed: `npm run build` runs npm → sh → tsx → node.
import { isProcessAlive, readProcStat } from './process-alive.ts';

/** A process above this one, as /proc names it. */
export interface ProcessInfo {
  pid: number;
  /** The kernel's name for it (`comm`, at most 15 characters): `node`, `sh`, `npm run build -`. */
  name: string;
  ppid: number;
}

// npm renames its process to "npm run build" or "npm exec tsx …"; an older npx may keep "npx".
const NPM = /^np[mx]( |$)/;
const NODE = /^(node|tsx)$/;
const SHELL = /^(sh|dash|bash|zsh|ksh|mksh|ash)$/;
const POLL_MS = 200;

/**
 * Call `onDeath(pid, name)` when a launcher above this process ends. A SIGKILL to npm reaches nothing
 * below it (npm forwards SIGINT and SIGTERM, not SIGKILL): without this the build would go on, examples
 * and all, after the user stopped it. Only processes that wait for their child count as launchers, so
 * that a shell which simply exits (`bash -c 'npx tsx src/cli.ts build & sleep 2'`) stops nothing; see
 * findLaunchers. Linux only (it reads /proc); elsewhere it watches the direct parent.
 */
export function watchLaunchers(onDeath: (pid: number, name: string) => void): void {
  const parent = readProcess(process.ppid);
  const chain = parent ? findLaunchers(parent, readProcess) : [{ pid: process.ppid, name: 'parent', ppid: 0 }];
  if (chain.length === 0) return;
  const timer = setInterval(() => {
    const dead = chain.find((launcher) => !isProcessAlive(launcher.pid));
    if (dead) {
      clearInterval(timer);
      onDeath(dead.pid, dead.name);
    }
  }, POLL_MS);
  timer.unref();
}

/**
 * The launchers from `parent` upwards, each of which outlives its child unless it is killed:
 * - node and tsx processes (tsx runs the build in a child node and waits for it);
 * - a shell only when its own parent is npm/npx: npm's script shell (`sh -c tsx …`) waits for its
 *   command, while any other shell may have started the build in the background and exited;
 * - npm/npx, which end the chain (so a terminal closed under `nohup npm run build &` stops nothing).
 * Anything else ends the chain without counting.
 */
export function findLaunchers(parent: ProcessInfo, read: (pid: number) => ProcessInfo | undefined): ProcessInfo[] {
  const chain: ProcessInfo[] = [];
  for (let current: ProcessInfo | undefined = parent; current && current.pid > 1; current = read(current.ppid)) {
    if (NPM.test(current.name)) return [...chain, current];
    if (SHELL.test(current.name)) {
      const shellParent = read(current.ppid);
      if (!shellParent || !NPM.test(shellParent.name)) return chain;
    } else if (!NODE.test(current.name)) {
      return chain;
    }
    chain.push(current);
  }
  return chain;
}

function readProcess(pid: number): ProcessInfo | undefined {
  const stat = readProcStat(pid);
  return stat && { pid, name: stat.name, ppid: stat.ppid };
}
