// Decides, once per build, how examples are isolated: Linux namespaces through bubblewrap, or the process layer.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { IsolationChoice } from '../../config/schema.ts';
import { RunnerError } from '../../errors.ts';
import { systemArgs } from './bwrap-args.ts';

/** `namespaces`: own network, PID and mount namespaces per example; `process`: allow-listed env, group kill, port shim. */
export type IsolationMode = 'namespaces' | 'process';

/** How this build isolates examples; recorded with every verification. */
export interface Isolation {
  mode: IsolationMode;
  /** bubblewrap, when mode is `namespaces`. */
  bwrap?: { executable: string; version: string };
  /** Why namespaces are not used (shown once as a warning), when `auto` fell back to the process layer. */
  fallbackReason?: string;
}

const WELL_KNOWN = ['/usr/bin/bwrap', '/usr/local/bin/bwrap'];
// The smallest sandbox that uses every namespace examples get; if it starts, theirs will.
const probeArgs = () => ['--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', ...systemArgs(), '--proc', '/proc', '--dev', '/dev', '/usr/bin/true'];

// What bubblewrap needs cannot change during a build, so it is probed once per process and choice.
const probes = new Map<string, Promise<Isolation>>();

/**
 * The isolation `choice` gives on this machine; `strict` without working namespaces is a RunnerError.
 * `candidates` are the bubblewrap executables to try (default: the usual paths, then PATH).
 */
export function detectIsolation(choice: IsolationChoice, candidates?: string[]): Promise<Isolation> {
  const key = `${choice}\0${candidates?.join('\0') ?? ''}`;
  let probe = probes.get(key);
  if (!probe) probes.set(key, (probe = probeIsolation(choice, candidates)));
  return probe;
}

async function probeIsolation(choice: IsolationChoice, candidates: string[] | undefined): Promise<Isolation> {
  if (choice === 'process') return { mode: 'process' };
  const found = await probeBwrap(candidates);
  if ('executable' in found) return { mode: 'namespaces', bwrap: found };
  if (choice === 'strict') {
    throw new RunnerError(`Examples cannot be isolated in namespaces here (isolation "strict"): ${found.reason}`, {
      hint: found.hint,
    });
  }
  return { mode: 'process', fallbackReason: `${found.reason}. ${found.hint}` };
}

async function probeBwrap(candidates?: string[]): Promise<{ executable: string; version: string } | { reason: string; hint: string }> {
  if (process.platform !== 'linux') {
    return { reason: `namespaces are a Linux feature and this is ${process.platform}`, hint: 'Build on Linux (or in a Linux CI job) for full isolation.' };
  }
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'bwrap'));
  for (const executable of candidates ?? [...WELL_KNOWN, ...onPath]) {
    if (!(await access(executable, constants.X_OK).then(() => true, () => false))) continue;
    const version = /(\d+\.\d+\.\d+)/.exec(String((await execa(executable, ['--version'], { reject: false, stdin: 'ignore' })).stdout))?.[1] ?? 'unknown';
    const probe = await execa(executable, probeArgs(), { reject: false, stdin: 'ignore', env: {}, extendEnv: false, timeout: 10_000 });
    if (probe.exitCode === 0) return { executable, version };
    return {
      reason: `bubblewrap ${version} could not create namespaces (${String(probe.stderr).trim() || `exit code ${probe.exitCode}`})`,
      hint:
        'Unprivileged user namespaces are disabled on this host. On Ubuntu 24.04 allow them for bwrap with an AppArmor profile ' +
        '(or `sysctl kernel.apparmor_restrict_unprivileged_userns=0`); elsewhere check `sysctl kernel.unprivileged_userns_clone` ' +
        'and `user.max_user_namespaces`. Or set "sandbox": { "isolation": "process" } to accept the weaker layer.',
    };
  }
  return { reason: 'bubblewrap is not installed', hint: 'Install it (Debian/Ubuntu: `apt-get install bubblewrap`; Fedora: `dnf install bubblewrap`).' };
}

/** The isolation in words, for the verification line and the report. */
export function describeIsolation(isolation: Isolation): string {
  return isolation.mode === 'namespaces' ? `namespaces (bubblewrap ${isolation.bwrap?.version ?? ''})`.replace(' )', ')') : 'process group (no namespaces)';
}
