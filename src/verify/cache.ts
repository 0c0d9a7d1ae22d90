// Stage 5b: reuse a passed verification when the code, spec and runtime are exactly the same.
//
// Entries are signed with HMAC-SHA256 under a secret kept outside the project (see cache-secret.ts), so
// that write access to .proofpress-cache/ is not enough to publish an edited output as "passed (cached)".
// The secret lives at $PROOFPRESS_CACHE_KEY_FILE, else $XDG_CACHE_HOME/proofpress/cache.key, else
// ~/.cache/proofpress/cache.key (resolved in config/resolve.ts as `cacheKeyFile`). An entry signed under
// another secret (a cache restored from another machine's CI) is simply run again.
import { createHash, createHmac } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ResourceLimits } from '../config/schema.ts';
import type { Example } from '../examples/extract.ts';
import { toolchainVersions } from '../runners/languages.ts';
import type { Verification } from './types.ts';
import { sameHex } from '../util/same-hex.ts';

const SRC_DIR = fileURLToPath(new URL('../', import.meta.url));

// What decides a verdict, relative to src/: how examples are run (every runner file, Python shims
// included), and how they are read from a post and checked (what "passed" means).
const FINGERPRINTED: { dir: string; only?: RegExp }[] = [{ dir: 'runners' }, { dir: 'verify', only: /\.ts$/ }, { dir: 'examples', only: /\.ts$/ }];

/**
 * A fingerprint of how examples are run and judged: the Python version, the version of each language
 * toolchain found on the machine (runners/languages.ts), plus the sources under src/runners/, src/verify/
 * and src/examples/, so that upgrading a toolchain or changing the sandbox, a runner or the checks
 * invalidates old results instead of trusting them. `srcDir` is for tests (a copy of src/).
 */
export async function computeRuntimeFingerprint(pythonVersion: string, extra: string[] = [], options: { srcDir?: string } = {}): Promise<string> {
  const srcDir = options.srcDir ?? SRC_DIR;
  const hash = createHash('sha256').update(`python ${pythonVersion}\n${[...extra, ...(await toolchainVersions())].join('\n')}\n`);
  const files: string[] = [];
  for (const { dir, only } of FINGERPRINTED) {
    const entries = await readdir(path.join(srcDir, dir), { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (entry.isFile() && (!only || only.test(entry.name))) files.push(path.relative(srcDir, path.join(entry.parentPath, entry.name)));
    }
  }
  // Sorted relative names, each with its length, so the same sources hash the same wherever src/ lies.
  for (const file of files.sort()) {
    const content = await readFile(path.join(srcDir, file));
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
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
    outputLang: example.outputLang ?? null,
    exchanges: example.exchanges ?? null,
    preceding: example.preceding.map(({ code }) => code),
    allowance,
    runtimeFingerprint,
  });
  return createHash('sha256').update(material).digest('hex');
}

/** Where passed verifications are kept, and the secret that signs them. */
export interface CacheStore {
  dir: string;
  secret: Buffer;
}

// 3: HMAC-signed (format 2 entries were plain sha256, which anyone could recompute).
const CACHE_FORMAT = 3;
// What a stored entry must look like; anything else (truncated, hand-written, an older format) re-runs.
const entrySchema = z.object({
  format: z.literal(CACHE_FORMAT),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  verification: z.looseObject({
    status: z.literal('passed'),
    failures: z.array(z.string()).length(0),
    record: z.looseObject({ startedAt: z.string(), durationMs: z.number(), runtime: z.looseObject({ interpreter: z.string() }) }),
  }),
});

function checksumOf(secret: Buffer, key: string, verification: unknown): string {
  return createHmac('sha256', secret).update(key).update(JSON.stringify(verification)).digest('hex');
}


/**
 * A previously passed verification for `key`, or undefined. An entry is trusted only when it parses,
 * has the current format, names this very key (a file copied under another name does not count) and
 * its checksum is this machine's HMAC of its content (an edited file, even with a recomputed hash, or one
 * signed elsewhere does not count).
 */
export async function readCached(store: CacheStore, key: string): Promise<Verification | undefined> {
  try {
    const raw = JSON.parse(await readFile(path.join(store.dir, `${key}.json`), 'utf8')) as { verification?: unknown };
    const entry = entrySchema.parse(raw);
    // The checksum is over the stored object as written (zod's parse reorders keys), bound to the key.
    if (entry.key !== key || !sameHex(entry.checksum, checksumOf(store.secret, entry.key, raw.verification))) return undefined;
    return entry.verification as unknown as Verification;
  } catch {
    return undefined;
  }
}

/** Store a passed verification, atomically (a reader sees the old entry or the whole new one); failures are never cached. */
export async function writeCached(store: CacheStore, key: string, verification: Verification): Promise<void> {
  if (verification.status !== 'passed') return;
  await mkdir(store.dir, { recursive: true });
  const stored = { ...verification, cached: false };
  const entry = { format: CACHE_FORMAT, key, checksum: checksumOf(store.secret, key, stored), verification: stored };
  const target = path.join(store.dir, `${key}.json`);
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, JSON.stringify(entry));
  await rename(temporary, target);
}
