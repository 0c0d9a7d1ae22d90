// Whether a process id still names a running process: how a build tells its own leftovers from a dead build's.
import { readFileSync } from 'node:fs';

/**
 * True while `pid` runs. Signal 0 checks without signalling: ESRCH means no such process, EPERM means
 * one exists that belongs to another user (alive). A zombie (killed, not yet reaped by its parent; in
 * containers whose init never reaps, it stays one forever) is dead for our purposes, read from /proc on Linux.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

// No /proc (not Linux), or the process ended meanwhile: signal 0 already said it ran.
function isZombie(pid: number): boolean {
  return readProcStat(pid)?.state === 'Z';
}

/** A process's command name, state and parent from /proc/<pid>/stat, or undefined (gone, or not Linux). */
export function readProcStat(pid: number): { name: string; state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": the command name may itself contain spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const [state = '', ppid = ''] = stat.slice(close + 2).split(' ');
    return { name: stat.slice(stat.indexOf('(') + 1, close), state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}
