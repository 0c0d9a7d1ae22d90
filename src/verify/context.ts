// Stage 5 setup: the per-build run context (isolation, interpreter, limits) and the cache settings derived from it.
import type { ResolvedConfig } from '../config/resolve.ts';
import { findFcgiwrap } from '../runners/cgi/fcgiwrap.ts';
import { findNginx } from '../runners/fastcgi/nginx.ts';
import type { PythonRuntime } from '../runners/python-runtime.ts';
import { installedDistributions } from '../runners/python-packages.ts';
import { describeIsolation, detectIsolation, type Isolation } from '../runners/sandbox.ts';
import type { RunContext } from '../runners/types.ts';
import { type CacheStore, computeRuntimeFingerprint } from './cache.ts';
import { loadCacheSecret } from './cache-secret.ts';

/** Run context plus cache settings for verifyAll. */
export interface VerificationContext {
  ctx: RunContext;
  cache?: CacheStore & { runtimeFingerprint: string };
  isolation: Isolation;
}

/** Detect the isolation (`strict` without namespaces throws), then fingerprint everything a result depends on. */
export async function verificationContext(config: ResolvedConfig, python: PythonRuntime): Promise<VerificationContext> {
  const isolation = await detectIsolation(config.isolation);
  const isolationLabel = describeIsolation(isolation);
  const ctx: RunContext = {
    python,
    timeoutMs: config.exampleTimeoutMs,
    fastcgiFrontEnd: config.fastcgiFrontEnd,
    sandbox: { isolation, python, limits: config.limits },
    isolationLabel,
  };
  if (!config.useCache) return { ctx, isolation };
  // What else decides an outcome: the interpreter and the packages installed in it, the isolation, the
  // FastCGI front end asked for and the nginx found. Timeouts and limits are per example (see cacheKey).
  const [nginx, fcgiwrap] = await Promise.all([findNginx(), findFcgiwrap()]);
  const extra = [
    python.executable,
    `packages: ${(await installedDistributions(python)).join(' ')}`,
    `isolation: ${isolationLabel}`,
    `node: ${process.versions.node}`,
    `fastcgi front end: ${config.fastcgiFrontEnd}`,
    `nginx: ${nginx ? nginx.version : 'none'}`,
    `fcgiwrap: ${fcgiwrap ? fcgiwrap.version : 'none'}`,
  ];
  const cache = { dir: config.cacheDir, secret: await loadCacheSecret(config.cacheKeyFile), runtimeFingerprint: await computeRuntimeFingerprint(python.version, extra) };
  return { ctx, isolation, cache };
}
