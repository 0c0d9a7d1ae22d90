// Stage 5b: reuse a passed verification when the code, spec and runtime are exactly the same.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Example } from '../examples/extract.ts';
import type { Verification } from './types.ts';

const RUNNERS_DIR = fileURLToPath(new URL('../runners/', import.meta.url));

/**
 * A fingerprint of how examples are run: the Python version plus every runner source file, so that
 * changing the sandbox or a runner invalidates old results instead of trusting them.
 */
export async function computeRuntimeFingerprint(pythonVersion: string, extra: string[] = []): Promise<string> {
  const hash = createHash('sha256').update(`python ${pythonVersion}\n${extra.join('\n')}\n`);
  const files = (await readdir(RUNNERS_DIR, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update(file.slice(RUNNERS_DIR.length)).update(await readFile(file));
  return hash.digest('hex');
}

/** The cache key of an example: its code, every spec field, its companions and expected output, and the runtime. */
export function cacheKey(example: Example, runtimeFingerprint: string): string {
  const material = JSON.stringify({
    code: example.code,
    spec: example.spec,
    companions: example.companions.map(({ name, code }) => ({ name, code })),
    expectedOutput: example.expectedOutput ?? null,
    runtimeFingerprint,
  });
  return createHash('sha256').update(material).digest('hex');
}

/** A previously passed verification for `key`, or undefined. */
export async function readCached(cacheDir: string, key: string): Promise<Verification | undefined> {
  try {
    const cached = JSON.parse(await readFile(path.join(cacheDir, `${key}.json`), 'utf8')) as Verification;
    return cached.status === 'passed' ? cached : undefined;
  } catch {
    return undefined;
  }
}

/** Store a passed verification; failures are never cached, so they always re-run. */
export async function writeCached(cacheDir: string, key: string, verification: Verification): Promise<void> {
  if (verification.status !== 'passed') return;
  await mkdir(cacheDir, { recursive: true });
  await writeFile(path.join(cacheDir, `${key}.json`), JSON.stringify({ ...verification, cached: false }));
}
