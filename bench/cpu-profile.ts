// Where a cold proofpress build of the corpus spends its time: one build under `node --cpu-prof`, its step timings
// and the top self-time functions and packages. `npm run bench -- --only profile --posts 1000`.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { parseBenchArgs } from './args.ts';
import { writeCorpus } from './corpus.ts';
import { proofpress } from './engine-proofpress.ts';
import { describeMachine } from './machine.ts';
import { type CpuProfile, summariseProfile } from './profile-summary.ts';

const TOP = 25;
const args = parseBenchArgs();
const root = await mkdtemp(path.join(tmpdir(), 'proofpress-profile-'));
const corpus = await writeCorpus(root, args.posts);
const profiles = path.join(root, 'profiles');
await proofpress.detect(); // the compiled copy a writer runs
const command = proofpress.command(corpus);
const buildArgs = command.args.filter((arg) => arg !== '--quiet'); // the step lines, with their times, are part of the report
const started = performance.now();
const result = await execa(command.file, ['--cpu-prof', `--cpu-prof-dir=${profiles}`, ...buildArgs], { cwd: command.cwd, all: true, reject: false });
const seconds = (performance.now() - started) / 1000;
if (result.exitCode !== 0) throw new Error(`the build failed:\n${result.all}`);

console.log(`\nCold build of ${corpus.posts} posts under --cpu-prof: ${seconds.toFixed(1)} s wall (profiling adds some); ${await describeMachine()}`);
console.log('Build steps as it reported them:');
for (const line of result.all.split('\n').filter((text) => /^[✓⚠]/.test(text))) console.log(`  ${line}`);
// One profile per thread: the main thread and the highlighting worker.
for (const file of (await readdir(profiles)).filter((name) => name.endsWith('.cpuprofile'))) {
  const summary = summariseProfile(JSON.parse(await readFile(path.join(profiles, file), 'utf8')) as CpuProfile);
  console.log(`\n${file}: ${(summary.totalMs / 1000).toFixed(1)} s sampled`);
  const print = (title: string, rows: [string, number][]) => {
    console.log(`  ${title}`);
    for (const [name, ms] of rows.slice(0, TOP)) console.log(`  ${ms.toFixed(0).padStart(7)} ms ${((ms / summary.totalMs) * 100).toFixed(1).padStart(5)}%  ${name}`);
  };
  print('self time by package or file:', summary.byPlace.slice(0, 15));
  print('self time by function:', summary.byFunction);
}
if (args.keep) console.log(`corpus and profiles kept at ${root} (open a .cpuprofile in Chrome DevTools' Performance panel)`);
else await rm(root, { recursive: true, force: true });
