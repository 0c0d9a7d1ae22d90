// Benchmark: cold and warm `proofpress build` of this project's content, and each example's run time.
// Prints figures; asserts nothing (speed targets live here, not in timed tests).
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { parseBenchArgs } from './args.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(ROOT, 'src', 'cli.ts');
const TIME = '/usr/bin/time';
const RUNS = parseBenchArgs().runs ?? 3;

interface Sample {
  seconds: number;
  maxRssKb?: number;
}

async function timedBuild(root: string): Promise<Sample> {
  const args = [CLI, 'build', '--root', root, '--quiet'];
  const env = { PROOFPRESS_PYTHON: path.join(ROOT, '.venv', 'bin', 'python') };
  if (existsSync(TIME)) {
    const result = await execa(TIME, ['-f', 'BENCH %e %M', TSX, ...args], { env, reject: false });
    const match = /BENCH ([\d.]+) (\d+)/.exec(result.stderr);
    if (result.exitCode !== 0 || !match) throw new Error(`build failed:\n${result.stderr}`);
    return { seconds: Number(match[1]), maxRssKb: Number(match[2]) };
  }
  const started = performance.now();
  await execa(TSX, args, { env });
  return { seconds: (performance.now() - started) / 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const report = (label: string, samples: Sample[]) => {
  const rss = samples.map((s) => s.maxRssKb).filter((v): v is number => v !== undefined);
  console.log(`${label.padEnd(28)} median ${median(samples.map((s) => s.seconds)).toFixed(2)} s  (runs: ${samples.map((s) => s.seconds.toFixed(2)).join(', ')})${rss.length ? `  max RSS ${(Math.max(...rss) / 1024).toFixed(0)} MiB` : ''}`);
};

const cold: Sample[] = [];
const warm: Sample[] = [];
let lastRoot = '';
for (let run = 0; run < RUNS; run++) {
  const root = await mkdtemp(path.join(tmpdir(), 'proofpress-bench-'));
  await cp(path.join(ROOT, 'content'), path.join(root, 'content'), { recursive: true });
  if (existsSync(path.join(ROOT, 'proofpress.config.json'))) await cp(path.join(ROOT, 'proofpress.config.json'), path.join(root, 'proofpress.config.json'));
  cold.push(await timedBuild(root)); // empty cache: every example runs
  warm.push(await timedBuild(root)); // same code, spec and runtime: every example is a cache hit
  if (lastRoot) await rm(lastRoot, { recursive: true, force: true });
  lastRoot = root;
}
console.log(`proofpress build of ${path.relative(process.cwd(), path.join(ROOT, 'content')) || 'content'}/ (Python from .venv, ${RUNS} runs each)`);
report('cold build (no cache)', cold);
report('warm build (all cached)', warm);

const verifications = JSON.parse(await readFile(path.join(lastRoot, 'site', 'verification.json'), 'utf8')) as {
  exampleId?: string; label: string; line: number; status: string; record?: { durationMs: number; runtime: { frontEnd?: string } };
}[];
console.log('\nper example (from the cold run of the last round):');
const coldRoot = await mkdtemp(path.join(tmpdir(), 'proofpress-bench-'));
await cp(path.join(ROOT, 'content'), path.join(coldRoot, 'content'), { recursive: true });
await timedBuild(coldRoot);
const fresh = JSON.parse(await readFile(path.join(coldRoot, 'site', 'verification.json'), 'utf8')) as typeof verifications;
for (const v of fresh.length ? fresh : verifications) {
  const front = v.record?.runtime.frontEnd ? ` via ${v.record.runtime.frontEnd}` : '';
  console.log(`  line ${String(v.line).padStart(4)}  ${v.label.padEnd(34)} ${v.status.padEnd(8)} ${v.record ? `${v.record.durationMs} ms${front}` : '-'}`);
}
const page = (await execa('find', [path.join(coldRoot, 'site'), '-name', 'index.html', '-path', '*/2006/*', '-printf', '%s\n'])).stdout.trim();
console.log(`\npost page size: ${page} bytes`);
await rm(lastRoot, { recursive: true, force: true });
await rm(coldRoot, { recursive: true, force: true });
