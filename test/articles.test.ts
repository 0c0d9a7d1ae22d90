// One test per example of every article in content/, run through the same stages as `npm run build`.
import { beforeAll, describe, expect, test } from 'vitest';
import { resolveConfig } from '../src/config/resolve.ts';
import { loadPosts } from '../src/content/load-posts.ts';
import { exampleName, extractExamples } from '../src/examples/extract.ts';
import { applyPostPython, pythonNeeds } from '../src/examples/python-choice.ts';
import { createMarkdown } from '../src/markdown/create.ts';
import { parsePost } from '../src/markdown/parse.ts';
import { failureError } from '../src/report/failures.ts';
import { formatError } from '../src/report/format-error.ts';
import { preparePythons } from '../src/runners/prepare.ts';
import type { RunContext } from '../src/runners/types.ts';
import { verificationContext } from '../src/verify/context.ts';
import { verifyExample } from '../src/verify/verify-one.ts';
import { REPO_ROOT } from './helpers/project.ts';
import * as tools from './helpers/tools.ts';

// Articles run uncached: a test that reuses an old result would not show the code works today.
const config = resolveConfig(REPO_ROOT, { useCache: false, drafts: true });
const posts = await loadPosts(config);
const md = createMarkdown();
// Each example on the Python its block or post chooses, as the build runs it.
const byPost = posts.map((post) => ({ post, examples: applyPostPython(post, extractExamples(parsePost(md, post)).examples) }));
let ctx: RunContext;

beforeAll(async () => {
  ctx = (await verificationContext(config, await preparePythons(config, pythonNeeds(posts, byPost.flatMap(({ examples }) => examples))))).ctx;
});

// The optional tools each example runs with (another Python, Go, Perl, nginx for SCGI and CGI, curl): one that
// is missing skips that example's test, saying why, where a build would publish it as not run or fail it.
const needs = new Map(await Promise.all(byPost.flatMap(({ examples }) => examples).map(async (example) => [example, tools.allOf(...(await tools.neededBy(example)))] as const)));

for (const { post, examples } of byPost) {
  describe(post.source.replace(/^content\//, ''), () => {
    for (const example of examples) {
      const name = `${exampleName(example.spec, example.index)} (line ${example.line}, run=${example.spec.run})`;
      if (example.spec.run === 'none') {
        test.skip(`${name} is shown only`, () => {});
        continue;
      }
      const { skip, because } = needs.get(example)!;
      test.skipIf(skip)(`${name} produces what the article says${because}`, async () => {
        const verification = await verifyExample(example, ctx);
        if (verification.status === 'failed') expect.fail(formatError(failureError(verification)));
        expect(verification.status).toBe('passed');
      });
    }
  });
}
