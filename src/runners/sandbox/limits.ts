// Resource limits of one example: merged from config, post and block, applied by the supervisor, named when breached.
import type { ResourceLimits } from '../../config/schema.ts';
import type { ProcessExit } from '../process.ts';

/** The config's limits with the post's and the block's overrides on top. */
export function resolveLimits(defaults: Readonly<ResourceLimits>, overrides: Partial<ResourceLimits>): ResourceLimits {
  return { ...defaults, ...overrides };
}

/** What the sandbox saw of one run, to tell whether a limit stopped it. */
export interface BreachEvidence {
  limits: ResourceLimits;
  /** How the example's main process ended, if it did. */
  exit?: ProcessExit;
  log: string;
  outputExceeded: boolean;
  /** The limit the supervisor ended the sandbox for, if it did. */
  limitHit?: 'processes' | 'memory';
  /** The most tasks (threads included) the supervisor saw at once, when it reported it. */
  peakTasks?: number;
}

// Limits the kernel enforces by failing a call (ENOMEM, EMFILE, EAGAIN) show only as the program's own
// error message, so the breach names the message it was read from: a wrong guess stays visible.
const MESSAGES: [RegExp, (limits: ResourceLimits) => string][] = [
  [/MemoryError|Cannot allocate memory|out of memory|std::bad_alloc/i, (l) => `exceeded ${l.memoryMiB} MiB of memory`],
  [/Too many open files/, (l) => `exceeded ${l.openFiles} open files`],
  // Python ignores SIGXFSZ, so a write past RLIMIT_FSIZE fails with EFBIG instead of killing it.
  [/File too large/, (l) => `exceeded the file size limit of ${l.fileSizeMiB} MiB`],
];

/** `stopped: exceeded 512 MiB of memory` and the like, or undefined when no limit was reached. */
export function describeBreach(evidence: BreachEvidence): string | undefined {
  const { limits, exit } = evidence;
  if (evidence.outputExceeded) return `stopped: printed more than ${limits.outputKiB} KiB of output`;
  if (evidence.limitHit === 'processes') return `stopped: exceeded ${limits.processes} processes (threads count)`;
  if (evidence.limitHit === 'memory') return `stopped: exceeded ${limits.memoryMiB} MiB of memory in all`;
  if (exit?.signal === 'SIGXCPU') return `stopped: exceeded ${limits.cpuSeconds} s of CPU time`;
  if (exit?.signal === 'SIGXFSZ') return `stopped: exceeded the file size limit of ${limits.fileSizeMiB} MiB`;
  // A fork refused at the process limit (RLIMIT_NPROC, for builds not run as root): the supervisor saw the namespace full.
  if ((evidence.peakTasks ?? 0) >= limits.processes && /Resource temporarily unavailable|fork: retry/.test(evidence.log)) {
    return `stopped: exceeded ${limits.processes} processes (threads count)`;
  }
  for (const [pattern, describe] of MESSAGES) {
    const found = pattern.exec(evidence.log);
    if (found) return `stopped: ${describe(limits)} (the example reported "${found[0]}")`;
  }
  return undefined;
}
