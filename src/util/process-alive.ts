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

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state follows the parenthesised command name, which may itself contain spaces and parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false; // no /proc (not Linux), or the process ended meanwhile: signal 0 already said it ran
  }
}
