// `npm run bench`: each benchmark in its own process, in order, with the flags passed through (`npm run bench -- --posts 4000 --runs 5`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { parseBenchArgs } from './args.ts';

const HERE = fileURLToPath(new URL('./', import.meta.url));
const TSX = path.join(HERE, '..', 'node_modules', '.bin', 'tsx');

/** Bench name → file and what it measures; `profile` runs only when named in --only. */
const BENCHES = {
  compare: ['compare.bench.ts', 'proofpress vs Hugo vs Eleventy on a generated corpus'],
  verify: ['verify.bench.ts', "what verifying the article's simple_app costs, alone and in batches"],
  build: ['build.bench.ts', "this project's own blog, cold and warm, with every example run"],
  fastcgi: ['fastcgi.bench.ts', 'the FastCGI example through each front end'],
  dev: ['dev.bench.ts', '`proofpress dev` rebuilding a generated corpus after one post is edited'],
  profile: ['cpu-profile.ts', 'one cold build of the corpus under node --cpu-prof, top self-time functions'],
} as const;
type BenchName = keyof typeof BENCHES;

const argv = process.argv.slice(2);
const only = parseBenchArgs(argv).only;
const unknown = only?.filter((name) => !(name in BENCHES));
if (unknown?.length) {
  console.error(`--only: unknown bench ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`);
  process.exit(2);
}
const chosen = (only ?? Object.keys(BENCHES).filter((name) => name !== 'profile')) as BenchName[];

const failed: string[] = [];
for (const name of chosen) {
  const [file, what] = BENCHES[name];
  console.log(`\n=== ${name}: ${what}`);
  // A failing bench (its error already printed) does not stop the others; the exit code says so at the end.
  const result = await execa(TSX, [path.join(HERE, file), ...argv], { stdio: 'inherit', reject: false });
  if (result.exitCode !== 0) failed.push(name);
}
if (failed.length) {
  console.error(`\nbench failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
