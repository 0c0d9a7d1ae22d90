// Stage 5b: reuse a passed verification when the code, spec and runtime are exactly the same.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ResourceLimits } from '../config/schema.ts';
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

/** What a run of one example is allowed, as far as it can change the outcome: its time, limits and network. */
export interface RunAllowance {
  timeoutMs: number;
  limits: ResourceLimits;
  network: boolean;
}

/** The cache key of an example: its code, every spec field, its companions and expected output, what it is allowed, and the runtime. */
export function cacheKey(example: Example, runtimeFingerprint: string, allowance: RunAllowance): string {
  const material = JSON.stringify({
    code: example.code,
    spec: example.spec,
    companions: example.companions.map(({ name, code }) => ({ name, code })),
    expectedOutput: example.expectedOutput ?? null,
    allowance,
    runtimeFingerprint,
  });
  return createHash('sha256').update(material).digest('hex');
}

const CACHE_FORMAT = 2;
// What a stored entry must look like; anything else (truncated, hand-written, an older format) re-runs.
const entrySchema = z.object({
  format: z.literal(CACHE_FORMAT),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  verification: z.looseObject({
    status: z.literal('passed'),
    failures: z.array(z.string()).length(0),
    record: z.looseObject({ startedAt: z.string(), durationMs: z.number(), runtime: z.looseObject({ python: z.string() }) }),
  }),
});

function checksumOf(key: string, verification: unknown): string {
  return createHash('sha256').update(key).update(JSON.stringify(verification)).digest('hex');
}

/**
 * A previously passed verification for `key`, or undefined. An entry is trusted only when it parses,
 * has the current format, names this very key (a file copied under another name does not count) and
 * its checksum matches its content (a truncated or edited file does not count).
 */
export async function readCached(cacheDir: string, key: string): Promise<Verification | undefined> {
  try {
    const raw = JSON.parse(await readFile(path.join(cacheDir, `${key}.json`), 'utf8')) as { verification?: unknown };
    const entry = entrySchema.parse(raw);
    // The checksum is over the stored object as written (zod's parse reorders keys), bound to the key.
    if (entry.key !== key || entry.checksum !== checksumOf(entry.key, raw.verification)) return undefined;
    return entry.verification as unknown as Verification;
  } catch {
    return undefined;
  }
}

/** Store a passed verification, atomically (a reader sees the old entry or the whole new one); failures are never cached. */
export async function writeCached(cacheDir: string, key: string, verification: Verification): Promise<void> {
  if (verification.status !== 'passed') return;
  await mkdir(cacheDir, { recursive: true });
  const stored = { ...verification, cached: false };
  const entry = { format: CACHE_FORMAT, key, checksum: checksumOf(key, stored), verification: stored };
  const target = path.join(cacheDir, `${key}.json`);
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, JSON.stringify(entry));
  await rename(temporary, target);
}
