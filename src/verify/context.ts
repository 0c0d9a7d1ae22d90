// Stage 5 setup: the per-build run context (isolation, interpreter, limits) and the cache settings derived from it.
import { readdir } from 'node:fs/promises';
import type { ResolvedConfig } from '../config/resolve.ts';
import { findNginx } from '../runners/fastcgi/nginx.ts';
import type { PythonRuntime } from '../runners/python-runtime.ts';
import { describeIsolation, detectIsolation, type Isolation } from '../runners/sandbox/isolation.ts';
import type { RunContext } from '../runners/types.ts';
import { computeRuntimeFingerprint } from './cache.ts';

/** Run context plus cache settings for verifyAll. */
export interface VerificationContext {
  ctx: RunContext;
  cache?: { dir: string; runtimeFingerprint: string };
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
  const nginx = await findNginx();
  const extra = [
    python.executable,
    `packages: ${(await installedPackages(python)).join(' ')}`,
    `isolation: ${isolationLabel}`,
    `fastcgi front end: ${config.fastcgiFrontEnd}`,
    `nginx: ${nginx ? nginx.version : 'none'}`,
  ];
  return { ctx, isolation, cache: { dir: config.cacheDir, runtimeFingerprint: await computeRuntimeFingerprint(python.version, extra) } };
}

/**
 * The distributions installed in the interpreter's site-packages (`flup-1.0.3.dist-info` …), the same
 * facts `pip freeze` reads, without the ~0.5 s of starting pip: removing a requirement changes them.
 */
async function installedPackages(python: PythonRuntime): Promise<string[]> {
  const entries = await readdir(python.sitePackages).catch(() => [] as string[]);
  return entries.filter((name) => /\.(dist|egg)-info$/.test(name)).sort();
}
