// The secret that signs cache entries, kept outside the project: whoever can write .proofpress-cache/ cannot forge a pass.
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CacheError } from '../errors.ts';

/** Length of the secret in bytes (HMAC-SHA256 gains nothing from a longer key). */
export const CACHE_SECRET_BYTES = 32;

/**
 * The secret stored at `file`, created on first use: 32 random bytes, mode 0600, in a folder made 0700.
 * Two builds starting at once must agree on one secret, or each would reject the other's entries; so
 * the bytes are written in full to a file of this process's own, then link()ed to `file`, which fails
 * with EEXIST instead of replacing a secret another build made first. Whoever loses reads the winner's.
 */
export async function loadCacheSecret(file: string): Promise<Buffer> {
  const existing = await readSecret(file);
  if (existing) return existing;
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(temporary, randomBytes(CACHE_SECRET_BYTES), { mode: 0o600, flag: 'wx' });
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw unusable(file, `cannot create it: ${(error as Error).message}`, error);
  } finally {
    await rm(temporary, { force: true });
  }
  const created = await readSecret(file);
  if (!created) throw unusable(file, 'it vanished right after it was created');
  return created;
}

async function readSecret(file: string): Promise<Buffer | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unusable(file, `cannot read it: ${(error as Error).message}`, error);
  }
  // A short or empty key would sign entries that anyone could forge: refuse it rather than trust it.
  if (bytes.length !== CACHE_SECRET_BYTES) throw unusable(file, `it holds ${bytes.length} bytes, not ${CACHE_SECRET_BYTES}`);
  return bytes;
}

function unusable(file: string, why: string, cause?: unknown): CacheError {
  return new CacheError(`The cache key ${file} is unusable: ${why}`, {
    hint: 'Delete it (a new one is made on the next build, and cached results re-run once), point PROOFPRESS_CACHE_KEY_FILE at a writable place, or build with --no-cache.',
    cause,
  });
}
