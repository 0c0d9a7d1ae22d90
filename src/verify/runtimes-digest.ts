// One hash of what decides how a build's examples run: each Python environment's runtime fingerprint (the one the
// example cache keys results by) and the isolation. Two builds with the same digest would get the same cache hits.
import { createHash } from 'node:crypto';
import type { ResolvedConfig } from '../config/resolve.ts';
import type { PythonNeed } from '../examples/python-choice.ts';
import { allRuntimes, type BuildPythons, runtimeKey } from '../runners/build-pythons.ts';
import { preparePythons } from '../runners/prepare.ts';
import { type VerificationContext, verificationContext } from './context.ts';

/**
 * The digest for `needs` (as pythonNeeds() lists them for the build's examples): null when no example needs to
 * run; undefined when results are not cached at all (--no-cache), so nothing can be reused.
 */
export async function runtimesDigest(config: ResolvedConfig, needs: PythonNeed[]): Promise<string | null | undefined> {
  if (needs.length === 0) return null;
  const pythons = await preparePythons(config, needs);
  return digestRuntimes(pythons, await verificationContext(config, pythons));
}

/** The digest of the Pythons and verification context a build prepared (as runtimesDigest computes it). */
export async function digestRuntimes(pythons: BuildPythons, { cache, isolation }: Pick<VerificationContext, 'cache' | 'isolation'>): Promise<string | undefined> {
  if (!cache) return undefined;
  const digest = createHash('sha256').update(`isolation ${JSON.stringify(isolation)}\n`);
  for (const runtime of allRuntimes(pythons)) digest.update(`${runtimeKey(runtime)} ${await cache.runtimeFingerprint(runtime)}\n`);
  // Which versions were found and which were missing: an interpreter installed since must run its examples.
  for (const [version, choice] of pythons.chosen) digest.update(`chosen ${version} ${'runtime' in choice ? runtimeKey(choice.runtime) : 'missing'}\n`);
  return digest.digest('hex');
}
