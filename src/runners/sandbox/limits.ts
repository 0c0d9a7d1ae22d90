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
  /** The supervisor killed the namespace for having too many processes. */
  processLimitHit: boolean;
}

// Limits the kernel enforces by failing a call show only as the program's own error message.
const MESSAGES: [RegExp, (limits: ResourceLimits) => string][] = [
  [/MemoryError|Cannot allocate memory|out of memory|std::bad_alloc/i, (l) => `exceeded ${l.memoryMiB} MiB of memory`],
  [/Resource temporarily unavailable|BlockingIOError: \[Errno 11\]|fork: retry/, (l) => `exceeded ${l.processes} processes`],
  [/Too many open files/, (l) => `exceeded ${l.openFiles} open files`],
  [/File too large/, (l) => `exceeded the file size limit of ${l.fileSizeMiB} MiB`],
];

/** `stopped: exceeded 512 MiB of memory` and the like, or undefined when no limit was reached. */
export function describeBreach(evidence: BreachEvidence): string | undefined {
  const { limits, exit } = evidence;
  if (evidence.outputExceeded) return `stopped: printed more than ${limits.outputKiB} KiB of output`;
  if (evidence.processLimitHit) return `stopped: exceeded ${limits.processes} processes`;
  if (exit?.signal === 'SIGXCPU') return `stopped: exceeded ${limits.cpuSeconds} s of CPU time`;
  if (exit?.signal === 'SIGXFSZ') return `stopped: exceeded the file size limit of ${limits.fileSizeMiB} MiB`;
  for (const [pattern, describe] of MESSAGES) if (pattern.test(evidence.log)) return `stopped: ${describe(limits)}`;
  return undefined;
}
