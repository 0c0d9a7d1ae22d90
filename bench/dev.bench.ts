// Benchmark: `proofpress dev` rebuilding a generated corpus after one post is edited (target: under 100 ms at 1,000
// posts). `npm run bench -- --only dev --posts 1000 --runs 12`: the first rebuilds after start are slower (the JIT
// warms up, the first build's garbage is collected), so the median of the later ones is printed too.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseBenchArgs } from './args.ts';
import { editOnePost, writeCorpus } from './corpus.ts';
import { median } from './compare-table.ts';
import { describeMachine } from './machine.ts';
import { startDev } from '../src/dev/start-dev.ts';
import { formatError } from '../src/report/format-error.ts';
import type { Reporter } from '../src/report/progress.ts';

const args = parseBenchArgs();
const edits = args.runs ?? 12;
const root = await mkdtemp(path.join(tmpdir(), 'proofpress-dev-bench-'));
const corpus = await writeCorpus(root, args.posts);
let steps: string[] = [];
const reporter = (): Reporter => ({ step: (name, ms) => steps.push(`${String(ms).padStart(5)} ms  ${name}`), example: () => {}, info: () => {}, warning: () => {} });
// Resolved with the dev server's next "✓ Rebuilt in N ms" (or failure) line.
let waiting: ((line: string) => void) | undefined;
const dev = await startDev({ root, host: '127.0.0.1', port: 0, reporter, formatError, log: (text) => (/^[✓✗]/m.test(text) ? waiting?.(text) : undefined) });
const next = () => new Promise<string>((resolve) => (waiting = resolve));
console.log(`\n${corpus.posts} posts; ${await describeMachine()}`);
console.log(`first build: ${(await next()).split('\n').at(-1)}`);
const times: number[] = [];
try {
  for (let edit = 1; edit <= edits; edit++) {
    steps = [];
    const done = next();
    await editOnePost(corpus, `edit ${edit} at ${Date.now()}`); // a sentence no earlier run wrote: the page is rendered, not found in the cache
    const line = (await done).split('\n').at(-1)!;
    const ms = Number(/in (\d+) ms/.exec(line)?.[1]);
    if (!Number.isFinite(ms)) throw new Error(`the rebuild failed: ${line}`);
    times.push(ms);
    if (edit === edits) console.log(`steps of the last rebuild:\n${steps.map((step) => `  ${step}`).join('\n')}`);
  }
} finally {
  await dev.close();
  await rm(root, { recursive: true, force: true });
}
console.log(`rebuilds after one edit (ms): ${times.join(', ')}`);
console.log(`median ${median(times)} ms; median after the first two ${median(times.slice(2))} ms (target < 100 ms)`);
process.exit(0); // the dev server's watcher and timers are closed; nothing else should keep the bench alive
