// Benchmark: what the sandbox costs. Verifying the article's simple_app through the real pipeline (verifyAll,
// as a build does, one example at a time) against bare `python simpletest.py` plus one request, in the same
// run (target: at most 1.2×).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { resolveConfig } from '../src/config/resolve.ts';
import { loadPosts } from '../src/content/load-posts.ts';
import { extractExamples } from '../src/examples/extract.ts';
import { createMarkdown } from '../src/markdown/create.ts';
import { parsePost } from '../src/markdown/parse.ts';
import { preparePostPythons } from '../src/runners/prepare.ts';
import { verificationContext } from '../src/verify/context.ts';
import { verifyAll } from '../src/verify/run-all.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const PORT = 8000;

const config = resolveConfig(ROOT, { useCache: false, drafts: true });
const posts = await loadPosts(config);
const md = createMarkdown();
const example = posts
  .flatMap((post) => extractExamples(parsePost(md, post)).examples)
  .find((candidate) => candidate.spec.run === 'http' && candidate.code.includes('def simple_app'));
if (!example) throw new Error('content/ holds no run=http example defining simple_app (the WSGI article)');
const pythons = await preparePostPythons(config, posts);
const python = pythons.default!;

/** Bare: the interpreter started by hand, polled until port 8000 answers one GET, then killed. */
async function bare(dir: string): Promise<number> {
  const started = performance.now();
  const server = execa(python.executable, [example!.spec.file ?? 'simpletest.py'], { cwd: dir, reject: false, stdio: 'ignore', cleanup: true });
  for (;;) {
    const answered = await get().catch(() => false);
    if (answered) break;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const elapsed = performance.now() - started;
  server.kill('SIGKILL');
  await server;
  return elapsed;
}

function get(): Promise<boolean> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: PORT, path: '/', agent: false }, (response) => response.resume().on('end', () => resolve(response.statusCode === 200))).on('error', reject);
  });
}

/** Per-example times of verifying `RUNS` copies of simple_app one after the other, as a build would. */
async function sandboxed(isolation: 'auto' | 'process'): Promise<{ times: number[]; label: string }> {
  const { ctx } = await verificationContext(resolveConfig(ROOT, { useCache: false, isolation }), pythons);
  const finished: number[] = [];
  const started = performance.now();
  const verifications = await verifyAll(Array.from({ length: RUNS + 1 }, () => example!), { ctx, concurrency: 1, onVerified: () => finished.push(performance.now()) });
  const failed = verifications.find((verification) => verification.status !== 'passed');
  if (failed) throw new Error(`simple_app did not pass: ${failed.reason}`);
  // The first includes starting cold (nothing was warm yet); the others are what a build sees.
  const times = finished.map((at, index) => at - (index === 0 ? started : finished[index - 1]!));
  return { times: times.slice(1), label: ctx.isolationLabel };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const dir = await mkdtemp(path.join(tmpdir(), 'bench-bare-'));
await writeFile(path.join(dir, example.spec.file ?? 'simpletest.py'), example.code);
const bareTimes: number[] = [];
await bare(dir); // warm-up: the first start fills the page cache
for (let run = 0; run < RUNS; run++) bareTimes.push(await bare(dir));
const namespaces = await sandboxed('auto');
const processLayer = await sandboxed('process');
await rm(dir, { recursive: true, force: true });
const samples = { bare: bareTimes, namespaces: namespaces.times, process: processLayer.times };
const labels = { namespaces: namespaces.label, process: processLayer.label };

const bareMedian = median(samples.bare);
console.log(`simple_app (${example.source}:${example.line}), Python ${python.version}, ${RUNS} runs each`);
console.log(`  bare python + one GET          median ${bareMedian.toFixed(1)} ms`);
for (const kind of ['namespaces', 'process'] as const) {
  const value = median(samples[kind]);
  console.log(`  verified, ${labels[kind].padEnd(22)} median ${value.toFixed(1)} ms  (${(value / bareMedian).toFixed(2)}× bare)`);
}
