// Stage 6 cache: rendered pages and highlighted blocks by the hash of everything they were made from, signed.
//
// Why signed: a cached page holds the example badges ("verified"), so whoever could write a page into
// .proofpress-cache/ under a key a later build computes (keys are hashes of public inputs) could publish a pass
// that never ran. Entries therefore carry an HMAC-SHA256 under the same per-machine secret as the verification
// cache (verify/cache-secret.ts): an entry signed elsewhere, or edited, is ignored and rendered again.
//
// Why packs: a 1,000-post site has ~3,600 entries, and making that many small files cost more (in the file
// system) than rendering them. Each build that renders anything adds one pack file of its new entries; a build
// reads every pack at once. Entries are content-addressed (the key is the hash of the inputs), so a pack is never
// changed, only added. Once there are too many packs, or they hold much more than a build uses, they are merged
// into one: what the build used, then the newest of the rest up to as much again (blocks of pages that did not
// change are not read by a build, but the next template change needs them).
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../../config/resolve.ts';
import { isProcessAlive } from '../../util/process-alive.ts';
import { loadCacheSecret } from '../../verify/cache-secret.ts';
import { sameHex } from '../../util/same-hex.ts';

/** Folder of the render cache inside the project's cache folder. */
export const RENDER_CACHE_DIR = 'render';

const PACK_DIR = 'packs';
const PACK_HEADER = 'proofpress-render-pack 1\n';
const PACK_EXTENSION = '.pack';
// Merged into one pack beyond this many, or when the packs hold this many times what the build used.
const MAX_PACKS = 8;
const MAX_STALE_RATIO = 3;

/** Rendered text by key: the entries this build read or made, in memory, over the signed packs on disk. */
export interface RenderStore {
  /** The entries of `keys` that are in memory or on disk with a valid signature (absent keys are left out). */
  load(keys: Iterable<string>): Promise<Map<string, string>>;
  /** The entry of `key` if it is already in memory (loaded or set during this build, or an earlier dev build). */
  peek(key: string): string | undefined;
  /** Whether it holds nothing yet (a first build): then every block will be highlighted. */
  isEmpty(): Promise<boolean>;
  /** Remember `content` under `key`; written to disk by `flush`. */
  set(key: string, content: string): void;
  /**
   * Write the entries set since the last flush as one pack, atomically (a reader sees the whole pack or none). Never
   * throws: an entry that cannot be written (a full disk, a read-only cache) is rendered again next time.
   */
  flush(): Promise<void>;
  /**
   * Drop from memory every entry the builds since the last call neither read nor made, once it is on disk (or the
   * store has no disk): a dev server keeps one store for hours, and every edit adds new versions of pages.
   */
  forgetUnused(): void;
}

/** Where the store keeps its packs and the secret that signs them; without `dir`, it lives in memory only. */
export interface RenderStoreOptions {
  dir?: string;
  secret: Buffer;
}

/** The project's render cache (under `.proofpress-cache/render/`), or none when the build runs without cache (`--no-cache`). */
export async function openRenderStore(config: Pick<ResolvedConfig, 'useCache' | 'cacheDir' | 'cacheKeyFile'>): Promise<RenderStore | undefined> {
  if (!config.useCache) return undefined;
  // Without a usable secret (a read-only home folder), pages are rendered as without a cache; the verification
  // cache, which needs the same secret, reports the problem when the build has examples to run.
  const secret = await loadCacheSecret(config.cacheKeyFile).catch(() => undefined);
  return secret ? createRenderStore({ dir: path.join(config.cacheDir, RENDER_CACHE_DIR), secret }) : undefined;
}

/** Where an entry lies in a pack read from disk; decoded and checked only when a build asks for it. */
interface PackedEntry {
  bytes: Buffer;
  start: number;
  end: number;
  mac: string;
}

/** A store over `dir` (the project's `.proofpress-cache/render/`). Keep one across dev rebuilds: its memory is their shared cache. */
export function createRenderStore({ dir, secret }: RenderStoreOptions): RenderStore {
  const memory = new Map<string, string>();
  const unwritten = new Set<string>();
  const used = new Set<string>(); // read or made since the last forgetUnused()
  const packDir = dir === undefined ? undefined : path.join(dir, PACK_DIR);
  const macOf = (key: string, content: string) => createHmac('sha256', secret).update(`${key}\0`).update(content).digest('hex');
  // Read once, on the first load: every pack's entries by key, and the packs with their size.
  let packs: Promise<{ entries: Map<string, PackedEntry>; files: string[]; bytes: number }> | undefined;
  const readPacks = () => (packs ??= packDir === undefined ? Promise.resolve({ entries: new Map(), files: [], bytes: 0 }) : readAllPacks(packDir));
  return {
    async load(keys) {
      const found = new Map<string, string>();
      const { entries } = await readPacks();
      for (const key of keys) {
        let content = memory.get(key);
        const packed = content === undefined ? entries.get(key) : undefined;
        if (packed) {
          const text = packed.bytes.toString('utf8', packed.start, packed.end);
          // An entry edited in the pack, or signed under another machine's secret, is left out: it is rendered again.
          if (sameHex(packed.mac, macOf(key, text))) memory.set(key, (content = text));
        }
        if (content !== undefined) {
          found.set(key, content);
          used.add(key);
        }
      }
      return found;
    },
    peek: (key) => memory.get(key), // a look, not a use: forgetUnused may still drop it
    async isEmpty() {
      if (memory.size > 0) return false;
      const names = packDir === undefined ? [] : await readdir(packDir).catch(() => [] as string[]);
      return !names.some((name) => name.endsWith(PACK_EXTENSION));
    },
    set(key, content) {
      used.add(key);
      if (memory.get(key) === content) return;
      memory.set(key, content);
      unwritten.add(key);
    },
    forgetUnused() {
      for (const key of memory.keys()) if (!used.has(key) && !unwritten.has(key)) memory.delete(key);
      used.clear();
    },
    async flush() {
      const added = [...unwritten];
      unwritten.clear();
      if (packDir === undefined || added.length === 0) return;
      try {
        const read = await readPacks();
        const live = [...memory.values()].reduce((sum, content) => sum + Buffer.byteLength(content), 0);
        const merge = read.files.length + 1 > MAX_PACKS || (read.bytes > MAX_STALE_RATIO * live && read.bytes > 1 << 20);
        if (merge) keepNewestUnused(read.entries, memory, live, macOf);
        await writePack(packDir, merge ? [...memory.keys()] : added, (key) => memory.get(key)!, macOf);
        if (merge) {
          await Promise.allSettled(read.files.map((file) => rm(file, { force: true })));
          packs = Promise.resolve({ entries: new Map(), files: [], bytes: 0 }); // everything it held is in memory now
        }
      } catch {
        // Unwritable (a full disk, a read-only cache): the entries are rendered again by a later build.
      }
    },
  };
}

// Into `memory`: the entries of the old packs it lacks, newest pack first, up to `budget` bytes (valid ones only).
function keepNewestUnused(entries: Map<string, PackedEntry>, memory: Map<string, string>, budget: number, macOf: (key: string, content: string) => string): void {
  let kept = 0;
  // Map order is pack order (oldest first, later packs overwrite): walk it backwards for the newest.
  for (const [key, packed] of [...entries].reverse()) {
    if (kept >= budget) return;
    if (memory.has(key)) continue;
    const text = packed.bytes.toString('utf8', packed.start, packed.end);
    if (!sameHex(packed.mac, macOf(key, text))) continue;
    memory.set(key, text);
    kept += packed.end - packed.start;
  }
}

async function readAllPacks(packDir: string): Promise<{ entries: Map<string, PackedEntry>; files: string[]; bytes: number }> {
  const entries = new Map<string, PackedEntry>();
  const all = await readdir(packDir).catch(() => [] as string[]);
  // A pack a killed build was writing (`<time>-<pid>-<random>.tmp`): removed once its process is gone.
  const abandoned = all.filter((name) => name.endsWith('.tmp') && !isProcessAlive(Number(name.split('-')[1])));
  await Promise.allSettled(abandoned.map((name) => rm(path.join(packDir, name), { force: true })));
  const names = all.filter((name) => name.endsWith(PACK_EXTENSION)).sort();
  const files: string[] = [];
  let total = 0;
  for (const name of names) {
    const file = path.join(packDir, name);
    // A pack another build merged away meanwhile is gone: its entries are rendered again.
    const bytes = await readFile(file).catch(() => undefined);
    if (!bytes) continue;
    files.push(file);
    total += bytes.length;
    parsePack(bytes, entries);
  }
  return { entries, files, bytes: total };
}

// `<header>` then, per entry, `<key> <mac> <length in bytes>\n<content>\n`. A damaged pack yields the entries before the damage.
function parsePack(bytes: Buffer, into: Map<string, PackedEntry>): void {
  if (bytes.toString('utf8', 0, PACK_HEADER.length) !== PACK_HEADER) return;
  let at = PACK_HEADER.length;
  while (at < bytes.length) {
    const lineEnd = bytes.indexOf(10, at);
    if (lineEnd === -1) return;
    const [key, mac, length] = bytes.toString('utf8', at, lineEnd).split(' ');
    const start = lineEnd + 1;
    const end = start + Number(length);
    if (!key || !mac || !Number.isInteger(Number(length)) || end >= bytes.length || bytes[end] !== 10) return;
    into.set(key, { bytes, start, end, mac });
    at = end + 1;
  }
}

async function writePack(packDir: string, keys: string[], contentOf: (key: string) => string, macOf: (key: string, content: string) => string): Promise<void> {
  await mkdir(packDir, { recursive: true });
  const name = `${Date.now().toString(36)}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const temporary = path.join(packDir, `${name}.tmp`);
  // Written in chunks of a few MB, never as one buffer: a 4,000-post site's pack is ~150 MB.
  const file = await open(temporary, 'w');
  try {
    let chunk: Buffer[] = [Buffer.from(PACK_HEADER)];
    let size = 0;
    for (const key of keys) {
      const text = contentOf(key);
      const content = Buffer.from(text);
      chunk.push(Buffer.from(`${key} ${macOf(key, text)} ${content.length}\n`), content, NEWLINE);
      size += content.length;
      if (size < CHUNK_BYTES) continue;
      await file.writev(chunk);
      chunk = [];
      size = 0;
    }
    if (chunk.length > 0) await file.writev(chunk);
  } finally {
    await file.close();
  }
  await rename(temporary, path.join(packDir, `${name}${PACK_EXTENSION}`));
}

const NEWLINE = Buffer.from('\n');
const CHUNK_BYTES = 4 << 20;
