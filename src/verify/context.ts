// Stage 5 setup: the per-build run context (isolation, interpreters, limits) and the cache settings derived from it.
import type { ResolvedConfig } from '../config/resolve.ts';
import { allRuntimes, type BuildPythons, runtimeKey } from '../runners/build-pythons.ts';
import { findFcgiwrap } from '../runners/cgi/fcgiwrap.ts';
import { findNginx } from '../runners/fastcgi/nginx.ts';
import { HELPER_MINIMUM, type PythonRuntime, versionAtLeast } from '../runners/python-runtime.ts';
import { installedDistributions } from '../runners/python-packages.ts';
import { describeIsolation, detectIsolation, type Isolation } from '../runners/sandbox.ts';
import type { RunContext } from '../runners/types.ts';
import { type CacheStore, computeRuntimeFingerprint } from './cache.ts';
import { loadCacheSecret } from './cache-secret.ts';

/** Where passed verifications are kept, and the fingerprint of each interpreter's runtime. */
export interface VerificationCache extends CacheStore {
  /** The runtime fingerprint of examples run on `python` (computed once per interpreter and build). */
  runtimeFingerprint(python: PythonRuntime): Promise<string>;
}

/** Run context plus cache settings for verifyAll. */
export interface VerificationContext {
  ctx: RunContext;
  cache?: VerificationCache;
  isolation: Isolation;
}

/** Detect the isolation (`strict` without namespaces throws), then fingerprint everything a result depends on. */
export async function verificationContext(config: ResolvedConfig, pythons: BuildPythons): Promise<VerificationContext> {
  const isolation = await detectIsolation(config.isolation);
  const isolationLabel = describeIsolation(isolation);
  // The build's context holds the default interpreter; runExample puts each example's own in its place.
  const python = pythons.default ?? allRuntimes(pythons)[0] ?? pythons.helper;
  if (!python) throw new Error('verificationContext needs at least one interpreter');
  const ctx: RunContext = {
    python,
    pythons,
    missingInterpreter: config.missingInterpreter,
    timeoutMs: config.exampleTimeoutMs,
    fastcgiFrontEnd: config.fastcgiFrontEnd,
    sandbox: { isolation, python, helperPython: pythons.helper, limits: config.limits },
    isolationLabel,
  };
  if (!config.useCache) return { ctx, isolation };
  // What else decides an outcome: the interpreter and the packages installed for it, the isolation, the
  // FastCGI front end asked for and the nginx found. Timeouts and limits are per example (see cacheKey).
  const [nginx, fcgiwrap] = await Promise.all([findNginx(), findFcgiwrap()]);
  const shared = [
    `isolation: ${isolationLabel}`,
    `node: ${process.versions.node}`,
    `fastcgi front end: ${config.fastcgiFrontEnd}`,
    `nginx: ${nginx ? nginx.version : 'none'}`,
    `fcgiwrap: ${fcgiwrap ? fcgiwrap.version : 'none'}`,
  ];
  // The helper Python runs the supervisor only beside interpreters older than 3.6: only their results depend on it.
  const helper = pythons.helper ? [`supervisor python: ${pythons.helper.executable} ${pythons.helper.version}`] : [];
  const fingerprints = new Map<string, Promise<string>>();
  const runtimeFingerprint = (runtime: PythonRuntime): Promise<string> => {
    const key = runtimeKey(runtime);
    let fingerprint = fingerprints.get(key);
    if (!fingerprint) {
      fingerprint = installedDistributions(runtime).then((packages) =>
        computeRuntimeFingerprint(runtime.version, [runtime.executable, `packages: ${packages.join(' ')}`, ...shared, ...(versionAtLeast(runtime.version, ...HELPER_MINIMUM) ? [] : helper)]),
      );
      fingerprints.set(key, fingerprint);
    }
    return fingerprint;
  };
  const cache = { dir: config.cacheDir, secret: await loadCacheSecret(config.cacheKeyFile), runtimeFingerprint };
  return { ctx, isolation, cache };
}
