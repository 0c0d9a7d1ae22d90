// Process checks for tests: whether a pid still runs (zombies count as gone), allowing for signal delivery.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

function runs(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 3, after the parenthesised command name, is the state; Z is a zombie awaiting its reaper.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

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
