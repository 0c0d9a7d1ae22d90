// One line about where a benchmark ran: cores, load, Node, and the proofpress commit (read-only git; uncommitted changes counted).
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** `2 cores, load 0.4 0.3 0.2, Node v20.20.2, proofpress at 11e2417 (+3 uncommitted files in src/ bin/)`. */
export async function describeMachine(): Promise<string> {
  const load = os.loadavg().map((value) => value.toFixed(1)).join(' ');
  // GIT_OPTIONAL_LOCKS=0: `git status` must not refresh the index, so the bench never writes to the checkout's .git.
  const git = (args: string[]) => execa('git', args, { cwd: ROOT, reject: false, env: { GIT_OPTIONAL_LOCKS: '0' } });
  const [head, status] = await Promise.all([git(['rev-parse', '--short', 'HEAD']), git(['status', '--porcelain', '--', 'src', 'bin'])]);
  const dirty = status.failed ? 0 : status.stdout.split('\n').filter(Boolean).length;
  const commit = head.failed ? 'an unknown commit' : `${head.stdout.trim()}${dirty ? ` (+${dirty} uncommitted files in src/ bin/)` : ''}`;
  return `${os.cpus().length} cores, load ${load}, Node ${process.version}, proofpress at ${commit}`;
}

/** A warning when other work competes for the cores (one-minute load above the core count), else undefined. */
export function busyWarning(): string | undefined {
  const [load] = os.loadavg();
  const cores = os.cpus().length;
  if (load! <= cores) return undefined;
  return `⚠ the machine is busy (load ${load!.toFixed(1)} on ${cores} cores): wall times are inflated; CPU s is the steadier column`;
}
