// The build pipeline as an ordered list of named steps: content → markdown → examples → runners → verify → render → site.
import type { ResolvedConfig } from './config/resolve.ts';
import { loadPosts } from './content/load-posts.ts';
import { extractExamples } from './examples/extract.ts';
import { writeSnippets } from './examples/snippet.ts';
import { createMarkdown } from './markdown/create.ts';
import { parsePost } from './markdown/parse.ts';
import { checkLinks } from './render/link-check.ts';
import type { OutputFileData } from './render/output.ts';
import { describePostPageSizes } from './render/page-weight.ts';
import type { VerifiedPost } from './render/article.ts';
import { renderSite } from './render/render-site.ts';
import { failureError, summaryError } from './report/failures.ts';
import { type Reporter, silentReporter } from './report/progress.ts';
import { preparePython } from './runners/prepare.ts';
import { writeSearchIndex } from './site/search-index.ts';
import { writeSite } from './site/write.ts';
import { verificationContext } from './verify/context.ts';
import { splitByPost, verifyAll } from './verify/run-all.ts';
import type { Verification } from './verify/types.ts';

export interface BuildOptions {
  reporter?: Reporter;
  /** Write snippets/ and site/ (default). With false the build returns the files and touches nothing. */
  write?: boolean;
}

export interface BuildResult {
  posts: VerifiedPost[];
  verifications: Verification[];
  files: OutputFileData[];
}

/** Build the site of `config`: every example is run and checked before any page is written. */
export async function build(config: ResolvedConfig, options: BuildOptions = {}): Promise<BuildResult> {
  const reporter = options.reporter ?? silentReporter;
  const write = options.write ?? true;
  const step = createStep(reporter);

  const posts = await step('Loaded posts', () => loadPosts(config));
  const md = createMarkdown();
  const parsed = await step('Parsed Markdown', () => posts.map((post) => parsePost(md, post)));
  const extracted = await step('Extracted examples', () => parsed.map((post) => ({ parsed: post, ...extractExamples(post) })));
  const examples = extracted.flatMap((post) => post.examples);
  if (write) {
    await step('Wrote snippets', () =>
      Promise.all(extracted.map((post) => writeSnippets({ snippetsDir: config.snippetsDir, root: config.root, slug: post.parsed.post.slug, examples: post.examples }))),
    );
  }
  const needsPython = examples.some((example) => example.spec.run !== 'none');
  const python = needsPython ? await step('Prepared Python', () => preparePython(config, posts)) : undefined;
  const ctx = python ? await verificationContext(config, python) : undefined;
  if (ctx?.isolation.fallbackReason) reporter.info(`⚠ Examples run without namespaces (weaker isolation): ${ctx.isolation.fallbackReason}`);
  const verifications = await step(`Verified ${examples.length} examples`, () =>
    verifyAll(examples, { ...ctx, concurrency: config.concurrency, onVerified: reporter.example }),
  );
  const failed = verifications.filter((verification) => verification.status === 'failed');
  if (failed.length > 0 && config.onExampleFailure === 'error') throw summaryError(failed.map(failureError), examples.length);
  for (const verification of failed) reporter.warning(failureError(verification)); // onExampleFailure: "warn"
  const verified: VerifiedPost[] = splitByPost(verifications, extracted).map(({ group: post, items: own }) => ({
    parsed: post.parsed,
    examples: post.examples,
    exampleTokens: post.tokens,
    verifications: own,
  }));
  const files = await step(
    (rendered) => `Rendered ${rendered.length} files (${describePostPageSizes(rendered, verified, config.site)})`,
    () => renderSite(config, md, verified),
  );
  await step('Checked internal links', () => checkLinks({ files, posts: verified, site: config.site, severity: config.linkCheck, warn: reporter.info }));
  if (write) {
    await step(`Wrote ${files.length} files to ${config.outDir}`, () =>
      writeSite(config.outDir, files, { beforeSwap: (staging) => step((pages) => `Indexed ${pages} page(s) for search`, () => writeSearchIndex(staging)) }),
    );
  }
  return { posts: verified, verifications, files };
}

function createStep(reporter: Reporter) {
  // A name may be worked out from the step's result (counts and sizes known only once it has run).
  return async <T>(name: string | ((result: T) => string), fn: () => T | Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await fn();
    reporter.step(typeof name === 'string' ? name : name(result), Date.now() - started);
    return result;
  };
}
