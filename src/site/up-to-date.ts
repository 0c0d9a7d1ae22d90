// A build that finds nothing changed since the last one does nothing: the record of the last writing build.
//
// As `tsc -b` keeps a .tsbuildinfo and make compares targets with their sources: a writing build records what it
// was made from (site/build-inputs.ts), how its examples were run, and the files it left in site/ and snippets/.
// The next build that finds the same inputs, the same example runtimes (re-fingerprinted, as the example cache
// does) and its own output files untouched ends there, as every example would be a cache hit and every page and
// file the same bytes. Anything else (a failed or unrun example that may run now, a post whose date has come, a
// file edited or deleted in site/, another engine version) is a full build. The record is signed with the
// example cache's key: writing .proofpress-cache/ is not enough to make a build skip.
import { createHmac } from 'node:crypto';
import { type Dirent, lstatSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolve.ts';
import type { PythonNeed } from '../examples/python-choice.ts';
import { RENDER_CACHE_DIR } from '../render/cache/render-store.ts';
import { sameHex } from '../util/same-hex.ts';
import type { Verification } from '../verify/types.ts';

/** What a writing build made and from what. Plain data, stored as JSON. */
export interface BuildRecord {
  /** buildInputsDigest() taken before the build read anything. */
  inputs: string;
  /** The Python environments the examples needed (to fingerprint their runtimes again), and that fingerprint. */
  needs: PythonNeed[];
  runtimes: string | null;
  /** The build shows other posts from this time on (the earliest date of a future-dated post it left out), if any. */
  validUntil: number | null;
  /** Every file of site/ and snippets/ (relative to the project root) as [size, mtimeMs, inode] right after the swap. */
  outputs: Record<string, [number, number, number]>;
  verifications: Verification[];
}

const RECORD_FILE = 'last-build.json';

/** Where the record lives. */
export function buildRecordFile(config: Pick<ResolvedConfig, 'cacheDir'>): string {
  return path.join(config.cacheDir, RENDER_CACHE_DIR, RECORD_FILE);
}

/** Whether the last build's verdicts may stand again: every example passed or was only shown, none failed. */
export function reusableVerdicts(verifications: readonly Verification[]): boolean {
  return verifications.every((verification) => verification.status === 'passed' || (verification.status === 'skipped' && verification.missingPython === undefined));
}

/** Save the record, signed with `secret`. */
export async function saveBuildRecord(config: Pick<ResolvedConfig, 'cacheDir'>, record: BuildRecord, secret: Buffer): Promise<void> {
  const body = JSON.stringify(record);
  const file = buildRecordFile(config);
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${sign(body, secret)}\n${body}`);
  await rename(temporary, file);
}

/** Forget the last build's record (a build whose verdicts must not stand again). */
export async function removeBuildRecord(config: Pick<ResolvedConfig, 'cacheDir'>): Promise<void> {
  await rm(buildRecordFile(config), { force: true });
}

/** The saved record when it is intact and signed with `secret`; undefined otherwise. */
export async function loadBuildRecord(config: Pick<ResolvedConfig, 'cacheDir'>, secret: Buffer): Promise<BuildRecord | undefined> {
  const text = await readFile(buildRecordFile(config), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const newline = text.indexOf('\n');
  const [mac, body] = [text.slice(0, newline), text.slice(newline + 1)];
  if (!sameHex(mac, sign(body, secret))) return undefined;
  try {
    return JSON.parse(body) as BuildRecord;
  } catch {
    return undefined;
  }
}

/** Every file under the output folders as BuildRecord.outputs lists them; symbolic links and other non-files included. */
export async function listOutputs(root: string, dirs: readonly string[]): Promise<Record<string, [number, number, number]>> {
  const outputs: Record<string, [number, number, number]> = {};
  for (const dir of dirs) {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [] as Dirent[]);
    for (const entry of entries) {
      if (entry.isDirectory()) continue;
      const file = path.join(entry.parentPath, entry.name);
      const stats = lstatSync(file);
      outputs[path.relative(root, file)] = [stats.size, stats.mtimeMs, stats.ino];
    }
  }
  return outputs;
}

/** Whether the output folders hold exactly the files `recorded` lists, each unchanged since (size, time, inode). */
export async function outputsUntouched(root: string, dirs: readonly string[], recorded: BuildRecord['outputs']): Promise<boolean> {
  const now = await listOutputs(root, dirs);
  const names = Object.keys(now);
  if (names.length !== Object.keys(recorded).length) return false;
  return names.every((name) => {
    const [was, is] = [recorded[name], now[name]!];
    return was !== undefined && was[0] === is[0] && was[1] === is[1] && was[2] === is[2];
  });
}

function sign(body: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(`proofpress last build\0${body}`).digest('hex');
}

/**
 * The last build's record when nothing it was made from changed: the same `inputs` (buildInputsDigest(), undefined
 * when it cannot be told), verdicts that may stand, no scheduled post due, the output files untouched, and
 * `runtimes` (verify/runtimes-digest.ts, asked only when everything else is the same) fingerprinting the recorded
 * Python needs as before. Undefined otherwise: a full build.
 */
export async function checkUpToDate(
  config: ResolvedConfig,
  { secret, inputs, runtimes }: { secret: Buffer; inputs: string | undefined; runtimes: (needs: PythonNeed[]) => Promise<string | null | undefined> },
): Promise<BuildRecord | undefined> {
  if (inputs === undefined) return undefined;
  const record = await loadBuildRecord(config, secret);
  if (!record || record.inputs !== inputs || !reusableVerdicts(record.verifications)) return undefined;
  if (record.validUntil !== null && Date.now() >= record.validUntil) return undefined;
  if (!(await outputsUntouched(config.root, [config.outDir, config.snippetsDir], record.outputs))) return undefined;
  const now = await runtimes(record.needs);
  return now !== undefined && now === record.runtimes ? record : undefined;
}
