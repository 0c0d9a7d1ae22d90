// Benchmark: what verifying an example costs. The article's simple_app: bare `python simpletest.py` plus one GET against
// proofpress verifying it (verifyAll, one at a time, as a build does; target at most 1.2× bare), then batches of 1, 8 and
// 32 copies verified at once, each in its own sandbox on its own port 8000.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../src/config/resolve.ts';
import { loadPosts } from '../src/content/load-posts.ts';
import type { Example } from '../src/examples/extract.ts';
import { extractExamples } from '../src/examples/extract.ts';
import { createMarkdown } from '../src/markdown/create.ts';
import { parsePost } from '../src/markdown/parse.ts';
import { preparePostPythons } from '../src/runners/prepare.ts';
import { verificationContext } from '../src/verify/context.ts';
import { verifyAll } from '../src/verify/run-all.ts';
import { parseBenchArgs } from './args.ts';
import { timeBareServer } from './bare-server.ts';
import { batchExamples } from './batch-post.ts';
import { median } from './compare-table.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = parseBenchArgs();
const RUNS = args.runs ?? 10;
const BATCH_RUNS = args.runs ?? 3;
const BATCHES = [1, 8, 32];
const ISOLATIONS = ['auto', 'process'] as const;

const config = resolveConfig(ROOT, { useCache: false, drafts: true });
const posts = await loadPosts(config);
const md = createMarkdown();
const example = posts
  .flatMap((post) => extractExamples(parsePost(md, post)).examples)
  .find((candidate) => candidate.spec.run === 'http' && candidate.spec.python === undefined && candidate.code.includes('def simple_app'));
if (!example) throw new Error('content/ holds no run=http example on the default Python defining simple_app (the WSGI article)');
const pythons = await preparePostPythons(config, posts);
const python = pythons.default!;

/** Verify `examples` at `concurrency`; milliseconds from the start to each one's end. Throws unless all passed. */
async function verifyTimed(examples: Example[], isolation: (typeof ISOLATIONS)[number], concurrency: number): Promise<{ finished: number[]; label: string }> {
  const { ctx } = await verificationContext(resolveConfig(ROOT, { useCache: false, isolation }), pythons);
  const finished: number[] = [];
  const started = performance.now();
  const verifications = await verifyAll(examples, { ctx, concurrency, onVerified: () => finished.push(performance.now() - started) });
  const failed = verifications.find((verification) => verification.status !== 'passed');
  if (failed) throw new Error(`simple_app did not pass: ${failed.reason}`);
  return { finished, label: ctx.isolationLabel };
}

const file = example.spec.file ?? 'simpletest.py';
const dir = await mkdtemp(path.join(tmpdir(), 'bench-bare-'));
await writeFile(path.join(dir, file), example.code);
await timeBareServer({ python: python.executable, file, dir }); // warm-up: the first start fills the page cache
const bare: number[] = [];
for (let run = 0; run < RUNS; run++) bare.push(await timeBareServer({ python: python.executable, file, dir }));
await rm(dir, { recursive: true, force: true });
const bareMedian = median(bare);

console.log(`\nsimple_app (${example.source}:${example.line}), Python ${python.version}, ${RUNS} runs each`);
console.log(`  bare python + one GET                       median ${bareMedian.toFixed(1)} ms`);
for (const isolation of ISOLATIONS) {
  // One more than RUNS: the first includes starting cold (nothing warm yet); the others are what a build sees.
  const { finished, label } = await verifyTimed(Array.from({ length: RUNS + 1 }, () => example), isolation, 1);
  const each = median(finished.slice(1).map((at, index) => at - finished[index]!));
  console.log(`  verified one at a time, ${label.padEnd(19)} median ${each.toFixed(1)} ms  (${(each / bareMedian).toFixed(2)}× bare)`);
}

/** `copies` of simple_app verified `concurrency` at a time, BATCH_RUNS times: the median time to the last one's end. */
async function timeBatch(copies: number, isolation: (typeof ISOLATIONS)[number], concurrency: number): Promise<{ batch: number; label: string }> {
  const examples = await batchExamples(example!, copies);
  const batches: number[] = [];
  let label = '';
  for (let run = 0; run < BATCH_RUNS; run++) {
    const result = await verifyTimed(examples, isolation, concurrency);
    batches.push(Math.max(...result.finished));
    label = result.label;
  }
  return { batch: median(batches), label };
}

console.log(`\nbatches of simple_app verified at once (concurrency = batch size), ${BATCH_RUNS} runs each; bare would be ${bareMedian.toFixed(0)} ms each, one after another`);
for (const isolation of ISOLATIONS) {
  for (const copies of BATCHES) {
    const { batch, label } = await timeBatch(copies, isolation, copies);
    console.log(`  ${String(copies).padStart(2)} at once, ${label.padEnd(33)} batch median ${batch.toFixed(0).padStart(5)} ms  (${(batch / copies).toFixed(0)} ms per example)`);
  }
}

// What a build does with many examples: the default concurrency (one per core the build may use), not one each.
const cores = resolveConfig(ROOT, { useCache: false }).concurrency;
console.log(`\n32 copies at the build's default concurrency (${cores}); perfect scaling would be ${(32 * bareMedian / cores).toFixed(0)} ms of bare runs`);
for (const isolation of ISOLATIONS) {
  const { batch, label } = await timeBatch(32, isolation, cores);
  console.log(`  32 at ${cores} at a time, ${label.padEnd(33)} batch median ${batch.toFixed(0).padStart(5)} ms  (${(batch / 32).toFixed(0)} ms per example, ${((batch / 32) * cores / bareMedian).toFixed(2)}× bare per core)`);
}
