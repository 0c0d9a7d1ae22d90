// Stops the build when the command that launched it is killed: `npm run build` runs npm → sh → tsx → node.
import { readFileSync } from 'node:fs';
import { isProcessAlive } from './process-alive.ts';

// Launchers between the user's shell and this process. When one of them dies before we do, someone
// killed it (each waits for its child), and nobody is left to see this build's result. npm renames its
// process ("npm run build -", the kernel keeps 15 characters).
const LAUNCHERS = /^(npm|npx|node|tsx|sh|dash|bash)$|^np[mx] /;
const NPM = /^np[mx]( |$)/;
const POLL_MS = 200;

/**
 * Call `onDeath(pid, name)` when any launcher above this process ends. A SIGKILL to npm reaches nothing
 * below it: without this the build would go on, examples and all, after the user stopped it. The chain
 * stops at the nearest npm/npx, so a terminal closed under `nohup npm run build &` stops nothing.
 * Linux only (it reads /proc); elsewhere it watches the direct parent.
 */
export function watchLaunchers(onDeath: (pid: number, name: string) => void): void {
  const chain = launcherChain();
  const timer = setInterval(() => {
    const dead = chain.find((launcher) => !isProcessAlive(launcher.pid));
    if (dead) {
      clearInterval(timer);
      onDeath(dead.pid, dead.name);
    }
  }, POLL_MS);
  timer.unref();
}

function launcherChain(): { pid: number; name: string }[] {
  const chain: { pid: number; name: string }[] = [];
  let pid = process.ppid;
  while (pid > 1) {
    const stat = readStat(pid);
    if (!stat) break;
    if (chain.length > 0 && !LAUNCHERS.test(stat.name)) break;
    chain.push({ pid, name: stat.name });
    if (NPM.test(stat.name)) break;
    pid = stat.ppid;
  }
  return chain.length > 0 ? chain : [{ pid: process.ppid, name: 'parent' }];
}

// /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces and parentheses.
function readStat(pid: number): { name: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    return { name: stat.slice(stat.indexOf('(') + 1, close), ppid: Number(stat.slice(close + 2).split(' ')[1]) };
  } catch {
    return undefined;
  }
}
