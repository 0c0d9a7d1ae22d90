// Time one command: wall clock, CPU (user + sys of it and its children) and peak RSS, through GNU time when installed.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

const GNU_TIME = '/usr/bin/time';

/** One measured run. */
export interface Sample {
  wallSeconds: number;
  /** User + system CPU of the command and every child it waited for; undefined without GNU time. */
  cpuSeconds?: number;
  /** Peak resident set of the largest single process in the tree (getrusage's ru_maxrss), in MiB. */
  peakRssMiB?: number;
}

/** A command to time. */
export interface Command {
  file: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
}

/** Whether CPU and RSS can be measured (Debian: `apt-get install -y time`). */
export const canMeasureResources = existsSync(GNU_TIME);

/** Run `command` once; throws with its output when it fails. */
export async function timeCommand(command: Command): Promise<Sample> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-time-'));
  const report = path.join(dir, 'time.txt');
  const [file, args] = canMeasureResources
    ? [GNU_TIME, ['-o', report, '-f', '%U %S %M', command.file, ...command.args]]
    : [command.file, command.args];
  try {
    const started = performance.now();
    const result = await execa(file, args, { cwd: command.cwd, env: command.env, reject: false, all: true });
    const wallSeconds = (performance.now() - started) / 1000;
    if (result.exitCode !== 0) throw new Error(`${command.file} ${command.args.join(' ')} exited with ${result.exitCode}:\n${result.all}`);
    if (!canMeasureResources) return { wallSeconds };
    const [user, sys, maxRssKiB] = (await readFile(report, 'utf8')).trim().split(/\s+/).slice(-3).map(Number);
    return { wallSeconds, cpuSeconds: user! + sys!, peakRssMiB: maxRssKiB! / 1024 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
