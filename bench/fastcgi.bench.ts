// Benchmark: time to verify the article's FastCGI example (server.fcgi) through each front end.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../src/config/resolve.ts';
import { loadPosts } from '../src/content/load-posts.ts';
import { extractExamples } from '../src/examples/extract.ts';
import { createMarkdown } from '../src/markdown/create.ts';
import { parsePost } from '../src/markdown/parse.ts';
import { findNginx } from '../src/runners/fastcgi/nginx.ts';
import { probePython } from '../src/runners/python-runtime.ts';
import { onlyPython } from '../src/runners/build-pythons.ts';
import { verificationContext } from '../src/verify/context.ts';
import { verifyExample } from '../src/verify/verify-one.ts';
import { parseBenchArgs } from './args.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = parseBenchArgs().runs ?? 10;
const config = resolveConfig(ROOT, { useCache: false });
const md = createMarkdown();
const examples = (await loadPosts(config)).flatMap((post) => extractExamples(parsePost(md, post)).examples);
const python = await probePython(path.join(ROOT, '.venv', 'bin', 'python'));
if (!python) throw new Error('run `npm run setup` first: no .venv/bin/python');

const nginx = await findNginx();
const { isolationLabel } = (await verificationContext(config, onlyPython(python))).ctx;
console.log(`\nFastCGI examples, ${RUNS} verifications each after one warm-up (Python ${python.version}, nginx ${nginx?.version ?? 'not installed'}, ${isolationLabel}):`);
for (const example of examples.filter((candidate) => candidate.spec.run === 'fastcgi')) {
  for (const frontEnd of ['nginx', 'embedded'] as const) {
    if (frontEnd === 'nginx' && !nginx) continue;
    // The context a build makes (isolation detected here), with this front end.
    const { ctx } = await verificationContext(resolveConfig(ROOT, { useCache: false, fastcgiFrontEnd: frontEnd }), onlyPython(python));
    await verifyExample(example, ctx);
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const verification = await verifyExample(example, ctx);
      times.push(performance.now() - started);
      if (verification.status !== 'passed') throw new Error(`${example.label} ${verification.status}: ${verification.reason}`);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    console.log(`  ${example.source}:${example.line} ${example.label} via ${frontEnd.padEnd(8)} median ${median.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)})`);
  }
}
