// Stage 5d: verify every example with bounded concurrency, reusing cached passes; collects, never throws per example.
import pLimit from 'p-limit';
import pMap from 'p-map';
import type { Example } from '../examples/extract.ts';
import { pythonFor } from '../runners/build-pythons.ts';
import { createWarmSandboxes, resolveLimits } from '../runners/sandbox.ts';
import type { RunContext } from '../runners/types.ts';
import { cacheKey, readCached, writeCached } from './cache.ts';
import type { VerificationCache } from './context.ts';
import type { Verification } from './types.ts';
import { identify, skipReason, verifyExample } from './verify-one.ts';

export interface VerifyAllOptions {
  /** Absent when no example of the build runs (every one is then skipped). */
  ctx?: RunContext;
  concurrency: number;
  /** Cache folder, its secret and the runtime fingerprint of each interpreter; omit to run everything. */
  cache?: VerificationCache;
  /** Called as each example finishes, for progress output. */
  onVerified?: (verification: Verification) => void;
  /** Called when an example starts to run: not for one the cache answers or that is not run (progress names what is running). */
  onStarted?: (example: Example) => void;
  /**
   * Run only the examples `runs` accepts (`--filter <post>`). The others are not run: a cached pass is
   * reused as a full warm build would, and an example with none is recorded as skipped with `reason`.
   */
  filter?: { runs: (example: Example) => boolean; reason: string };
}

/** Verify `examples` (in any order, results in input order). */
export async function verifyAll(examples: Example[], options: VerifyAllOptions): Promise<Verification[]> {
  // Sandboxes are started one example ahead, so bubblewrap's and the supervisor's start-up overlap
  // the examples that run; the idle ones are ended with the run.
  const pool = createWarmSandboxes(options.concurrency);
  const ctx = options.ctx && { ...options.ctx, sandbox: { ...options.ctx.sandbox, pool, hostNetwork: pLimit(1) } };
  try {
    return await pMap(
      examples,
      async (example) => {
        const verification = await verifyWithCache(example, { ...options, ctx });
        options.onVerified?.(verification);
        return verification;
      },
      { concurrency: options.concurrency },
    );
  } finally {
    await pool.drain();
  }
}

async function verifyWithCache(example: Example, options: VerifyAllOptions): Promise<Verification> {
  const { cache } = options;
  const { ctx } = options;
  // An example is cached under the fingerprint of the interpreter it runs on (a missing one is never cached).
  const choice = ctx && pythonFor(ctx.pythons, example, ctx.python);
  const key =
    cache && ctx && choice && 'runtime' in choice && example.spec.run !== 'none'
      ? cacheKey(example, await cache.runtimeFingerprint(choice.runtime), {
          timeoutMs: example.spec.timeoutMs ?? ctx.timeoutMs,
          limits: resolveLimits(ctx.sandbox.limits, example.sandbox.limits),
          network: example.sandbox.network,
        })
      : undefined;
  if (cache && key) {
    const hit = await readCached(cache, key);
    if (hit) return { ...hit, ...identify(example), cached: true };
  }
  if (options.filter && !options.filter.runs(example)) {
    return { ...identify(example), status: 'skipped', reason: skipReason(example) ?? options.filter.reason, failures: [], cached: false };
  }
  if (ctx && skipReason(example) === undefined) options.onStarted?.(example);
  const verification = await verifyExample(example, ctx);
  if (cache && key) await writeCached(cache, key, verification);
  return verification;
}

/** Cut the flat result list of verifyAll back into one list per post, in the posts' order. */
export function splitByPost<G extends { examples: unknown[] }>(verifications: Verification[], groups: G[]): { group: G; items: Verification[] }[] {
  let offset = 0;
  return groups.map((group) => ({ group, items: verifications.slice(offset, (offset += group.examples.length)) }));
}
