// Stage 5 setup: the per-build run context and cache settings derived from config and the chosen Python.
import type { ResolvedConfig } from '../config/resolve.ts';
import { findNginx } from '../runners/fastcgi/nginx.ts';
import type { PythonRuntime } from '../runners/python-runtime.ts';
import type { RunContext } from '../runners/types.ts';
import { computeRuntimeFingerprint } from './cache.ts';

/** Run context plus cache settings for verifyAll. */
export async function verificationContext(
  config: ResolvedConfig,
  python: PythonRuntime,
): Promise<{ ctx: RunContext; cache?: { dir: string; runtimeFingerprint: string } }> {
  const ctx: RunContext = { python, timeoutMs: config.exampleTimeoutMs, fastcgiFrontEnd: config.fastcgiFrontEnd };
  if (!config.useCache) return { ctx };
  // What else decides an outcome: the interpreter, the FastCGI front end asked for and the nginx found.
  const nginx = await findNginx();
  const extra = [python.executable, `fastcgi front end: ${config.fastcgiFrontEnd}`, `nginx: ${nginx ? nginx.version : 'none'}`];
  return { ctx, cache: { dir: config.cacheDir, runtimeFingerprint: await computeRuntimeFingerprint(python.version, extra) } };
}
