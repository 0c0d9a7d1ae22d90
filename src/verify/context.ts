// Stage 5 setup: the per-build run context and cache settings derived from config and the chosen Python.
import type { ResolvedConfig } from '../config/resolve.ts';
import type { PythonRuntime } from '../runners/python-runtime.ts';
import type { RunContext } from '../runners/types.ts';
import { computeRuntimeFingerprint } from './cache.ts';

/** Run context plus cache settings for verifyAll. */
export async function verificationContext(config: ResolvedConfig, python: PythonRuntime): Promise<{ ctx: RunContext; cache?: { dir: string; runtimeFingerprint: string } }> {
  const ctx: RunContext = { python, timeoutMs: config.exampleTimeoutMs };
  if (!config.useCache) return { ctx };
  return { ctx, cache: { dir: config.cacheDir, runtimeFingerprint: await computeRuntimeFingerprint(python.version, [python.executable]) } };
}
