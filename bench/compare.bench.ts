// Benchmark: proofpress, Hugo and Eleventy building the same generated corpus, cold, warm and after editing one post.
// `npm run bench -- --only compare --posts 4000 --runs 5`. Prints a table; asserts nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseBenchArgs } from './args.ts';
import { formatTable, type Results, SCENARIOS } from './compare-table.ts';
import { editOnePost, touchConfig, writeCorpus } from './corpus.ts';
import { countPostPages, type Engine } from './engine.ts';
import { eleventy } from './engine-eleventy.ts';
import { hugo } from './engine-hugo.ts';
import { proofpress } from './engine-proofpress.ts';
import { busyWarning, describeMachine } from './machine.ts';
import { canMeasureResources, type Sample, timeCommand } from './measure.ts';

const args = parseBenchArgs();
const runs = args.runs ?? 3;
const root = await mkdtemp(path.join(tmpdir(), 'proofpress-corpus-'));
const corpus = await writeCorpus(root, args.posts);

const engines: Engine[] = [];
const versions: string[] = [];
for (const engine of [proofpress, hugo, eleventy]) {
  const detected = await engine.detect();
  if ('missing' in detected) console.log(`skipped ${engine.name}: ${detected.missing}`);
  else {
    engines.push(engine);
    versions.push(`${engine.name} ${detected.version}`);
  }
}
console.log(`\nBuilding ${corpus.posts} generated posts (${(corpus.bytes / 1024 / 1024).toFixed(1)} MiB of Markdown, ${corpus.codeBlocks} code blocks) with ${versions.join(', ')}`);
console.log(`${runs} runs of each scenario, engines alternating; ${await describeMachine()}`);
const busy = busyWarning();
if (busy) console.log(busy);
if (!canMeasureResources) console.log('CPU and peak RSS not measured: GNU time is missing (apt-get install -y time)');

const results: Results = new Map(engines.map((engine) => [engine.name, { cold: [], warm: [], 're-read': [], 'edit one': [] }]));
const pages = new Map<string, number>();
try {
  for (let round = 0; round < runs; round++) {
    // Rotate the order each round, so no engine always runs right after the same other one.
    const order = engines.map((_, index) => engines[(index + round) % engines.length]!);
    for (const scenario of SCENARIOS) {
      for (const engine of order) {
        if (scenario === 'cold') await engine.clean(corpus);
        if (scenario === 'edit one') await editOnePost(corpus, `${engine.name}, round ${round + 1}`);
        if (scenario === 're-read') await touchConfig(corpus, `${engine.name}, round ${round + 1}`);
        const sample = await timeCommand(engine.command(corpus));
        results.get(engine.name)![scenario].push(sample);
        if (!pages.has(engine.name)) pages.set(engine.name, await countPostPages(engine.outDir(corpus)));
        process.stderr.write(`  round ${round + 1}/${runs} ${scenario.padEnd(8)} ${engine.name.padEnd(10)} ${describe(sample)}\n`);
      }
    }
  }
} catch (error) {
  console.error(`corpus kept at ${root} (a build failed)`);
  throw error;
}

console.log(`\n${formatTable(results, corpus.posts)}\n`);
const busyAfter = busyWarning();
if (busyAfter) console.log(`${busyAfter} (at the end)`);
console.log(
  `cold: no output and no cache (proofpress: site/, snippets/ and .proofpress-* removed); warm: the same build again, nothing changed (proofpress stops early: "Up to date");`,
);
console.log(
  `re-read: a comment appended to proofpress.config.json, so proofpress cannot stop early: it reads and parses every post, renders from its cache and finds every file unchanged; edit one: after appending a sentence to one post.`,
);
console.log(`post pages written: ${[...pages].map(([name, count]) => `${name} ${count}`).join(', ')}. Hugo and Eleventy write post pages only; proofpress also writes`);
console.log('the home page and its pages, tag pages, feeds, sitemap, verification report, snippets/ and a Pagefind search index.');
console.log('CPU = user + sys of the build and its children; peak RSS = the largest single process (getrusage), not the sum of the tree.');
if (args.keep) console.log(`corpus kept at ${root}`);
else await rm(root, { recursive: true, force: true });

function describe(sample: Sample): string {
  const cpu = sample.cpuSeconds === undefined ? '' : `  CPU ${sample.cpuSeconds.toFixed(2)} s`;
  const rss = sample.peakRssMiB === undefined ? '' : `  ${sample.peakRssMiB.toFixed(0)} MiB`;
  return `${sample.wallSeconds.toFixed(2)} s${cpu}${rss}`;
}
