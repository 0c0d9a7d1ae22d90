// Process checks for tests: whether a pid still runs (zombies count as gone), allowing for signal delivery.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { isProcessAlive } from '../../src/util/process-alive.ts';

// A zombie (awaiting its reaper) counts as gone, as the build's own check has it.
const runs = isProcessAlive;

/** Whether `pid` still runs after up to `graceMs` (SIGKILL reaches grandchildren asynchronously). */
export async function stillRunning(pid: number, graceMs = 1_000): Promise<boolean> {
  const deadline = Date.now() + graceMs;
  while (runs(pid)) {
    if (Date.now() > deadline) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

/** Pids of live processes whose command line or working directory contains `needle` (from /proc). */
export function pidsMatching(needle: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .filter((name) => {
      try {
        const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ');
        let cwd = '';
        try {
          cwd = readlinkSync(`/proc/${name}/cwd`);
        } catch {
          // A process of another user, or one that just ended.
        }
        return (cmdline.includes(needle) || cwd.includes(needle)) && runs(Number(name));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** A process as an example sees itself: its pid namespace (`pid:[4026532…]`, what /proc/self/ns/pid names) and its pid there. */
export interface NamespacedPid {
  namespace: string;
  pid: number;
}

/** The process an example printed as `pid namespace pid:[…]` in `log` and `pid` (read from its output by the caller). */
export function namespacedPid(log: string, pid: number): NamespacedPid {
  const namespace = /^pid namespace (pid:\[\d+\])$/m.exec(log)?.[1];
  if (!namespace) throw new Error(`no "pid namespace pid:[…]" line in:\n${log}`);
  return { namespace, pid };
}

/**
 * The host pid of the live process that is `target.pid` in `target.namespace` (the last NSpid entry is
 * the pid in the process's own namespace), or undefined. Works alike for examples in a pid namespace
 * and for those in the build's own. Only our own processes are looked at: a sandbox's run as our uid.
 */
export function hostPidOf(target: NamespacedPid): number | undefined {
  const uid = process.getuid?.();
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) !== uid) continue;
      const nsPids = /^NSpid:\s+(.+)$/m.exec(status)?.[1]?.trim().split(/\s+/).map(Number) ?? [];
      if (nsPids.at(-1) !== target.pid) continue;
      if (readlinkSync(`/proc/${name}/ns/pid`) === target.namespace && runs(Number(name))) return Number(name);
    } catch (error) {
      // The process ended between readdir and read; anything else (no permission) would make checks vacuous.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
  return undefined;
}

/** Whether the process `target` names still runs after up to `graceMs`. */
export async function stillRunningIn(target: NamespacedPid, graceMs = 1_000): Promise<boolean> {
  const deadline = Date.now() + graceMs;
  while (hostPidOf(target) !== undefined) {
    if (Date.now() > deadline) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
