// The build pipeline as an ordered list of named steps: content → markdown → examples → runners → verify → render → site.
import { placeholderBaseUrlWarning } from './config/base-url-warning.ts';
import type { ResolvedConfig } from './config/resolve.ts';
import { findSourceFiles } from './content/load.ts';
import { readPosts } from './content/load-posts.ts';
import { readPages } from './content/pages.ts';
import { readStaticFiles } from './content/static-files.ts';
import { postFilter } from './content/select-posts.ts';
import { extractExamples } from './examples/extract.ts';
import { refuseExamplesInPage } from './examples/page-blocks.ts';
import { applyPostPython, pythonNeeds } from './examples/python-choice.ts';
import { specWarnings } from './examples/foreign-attributes.ts';
import { snippetsFolder } from './examples/snippet.ts';
import { attachVariants, pairVariants } from './examples/variants.ts';
import type { PostMemo } from './examples/post-memo.ts';
import { createMarkdown } from './markdown/create.ts';
import { parsePost } from './markdown/parse.ts';
import { parsePage } from './markdown/parse-page.ts';
import { bindSiteFiles } from './render/images.ts';
import { checkLinks } from './render/link-check.ts';
import type { OutputFileData } from './render/output.ts';
import type { PageMemo } from './render/page-facts.ts';
import { describePostPageSizes } from './render/page-weight.ts';
import type { VerifiedPost } from './render/article.ts';
import { openRenderStore, type RenderStore } from './render/cache/render-store.ts';
import { describeRenderStats, type RenderStats, renderSite } from './render/render-site.ts';
import { startThreadsIfCold } from './render/render-threads.ts';
import type { HighlightThreads } from './render/workers/highlight-pool.ts';
import { failureError, summaryError } from './report/failures.ts';
import { describePythons, missingPythonWarnings } from './report/pythons.ts';
import { type Reporter, silentReporter } from './report/progress.ts';
import { preparePythons } from './runners/prepare.ts';
import { searchIndexStateFile, startSearchIndex } from './site/search-index.ts';
import { addSourcedFiles } from './site/static-files.ts';
import { describeSweep, sweepLeftovers } from './site/sweep.ts';
import { replaceFolders } from './site/swap.ts';
import { describeWriteStats, siteFolder, type WriteStats } from './site/write.ts';
import { withBuildLock } from './util/build-lock.ts';
import { collectErrors } from './util/collect-errors.ts';
import { nameWithReuse } from './util/memo-counts.ts';
import { verificationContext } from './verify/context.ts';
import { splitByPost, verifyAll } from './verify/run-all.ts';
import { selectExamples, type Shard } from './verify/shard.ts';
import { loadCacheSecret } from './verify/cache-secret.ts';
import { digestRuntimes, runtimesDigest } from './verify/runtimes-digest.ts';
import { buildInputsDigest } from './site/build-inputs.ts';
import { checkUpToDate, listOutputs, removeBuildRecord, reusableVerdicts, saveBuildRecord } from './site/up-to-date.ts';
import type { Verification } from './verify/types.ts';

export interface BuildOptions {
  reporter?: Reporter;
  /** Write snippets/ and site/ (default). With false the build returns the files and touches nothing. */
  write?: boolean;
  /** How long a writing build waits for another build of the same folder to finish. @default 600000 (10 minutes) */
  lockTimeoutMs?: number;
  /**
   * Run only the examples of this post (`--filter`: its slug or file, with its variant files). Every page is
   * still rendered: other posts' examples reuse their cached passes, else are published as not run.
   */
  filter?: string;
  /**
   * Verify only this shard of the site's examples (`check --shard 2/4`, see src/verify/shard.ts); the others
   * reuse their cached passes, else are not run. Only with `write: false`, and not with `filter`.
   */
  shard?: Shard;
  /** The render cache to use instead of the project's (`proofpress dev` keeps one across rebuilds, in memory too). */
  renderStore?: RenderStore;
  /**
   * The posts of the builds before (`proofpress dev` keeps one for the server's life): every post file is read, but
   * only those whose text changed are turned into Posts, parsed and searched for examples again (examples/post-memo.ts).
   */
  postMemo?: PostMemo;
  /** What the builds before found in each generated page (links, ids, size, math) and the link check's verdicts (`proofpress dev`): only changed pages are scanned. */
  pageMemo?: PageMemo;
  /**
   * A writing build that finds nothing changed since the last one (site/up-to-date.ts: the same sources, config,
   * engine and example runtimes, and site/ and snippets/ as it left them) stops there and returns the last
   * build's verdicts, with no posts or files (`upToDate: true`). The CLI's `build` asks for it; not with
   * `filter`, nor with the cache off.
   */
  skipIfUpToDate?: boolean;
}

export interface BuildResult {
  posts: VerifiedPost[];
  verifications: Verification[];
  files: OutputFileData[];
  /** True when the build found nothing changed and wrote nothing (see BuildOptions.skipIfUpToDate). */
  upToDate?: boolean;
}

/**
 * Build the site of `config`: every example is run and checked before any page is written. A writing
 * build holds the project's lock (.proofpress.lock) throughout, so two builds of one folder never interleave.
 */
export async function build(config: ResolvedConfig, options: BuildOptions = {}): Promise<BuildResult> {
  const reporter = options.reporter ?? silentReporter;
  if (options.write === false) return buildSteps(config, { reporter, write: false, filter: options.filter, shard: options.shard, renderStore: options.renderStore, postMemo: options.postMemo, pageMemo: options.pageMemo });
  return withBuildLock(config.root, { timeoutMs: options.lockTimeoutMs, onWait: reporter.info }, async () => {
    const step = createStep(reporter);
    await step(describeSweep, () => sweepLeftovers({ dirs: [config.outDir, config.snippetsDir] }));
    // The inputs are hashed before any stage reads them: a file edited during the build is not recorded as built.
    const record = config.useCache ? { secret: await loadCacheSecret(config.cacheKeyFile), inputs: await buildInputsDigest(config) } : undefined;
    if (record && options.skipIfUpToDate && options.filter === undefined) {
      const upToDate = await checkUpToDate(config, { ...record, runtimes: (needs) => runtimesDigest(config, needs) });
      if (upToDate) {
        reporter.step('Up to date: no source, config, theme, engine or example runtime changed since the last build; site/ and snippets/ left as they are', 0);
        // Each verdict stands as a cache hit of the last build's: the same code, spec, runtime and isolation.
        return { posts: [], files: [], upToDate: true, verifications: upToDate.verifications.map((verification) => ({ ...verification, cached: verification.status === 'passed' || verification.cached })) };
      }
    }
    return buildSteps(config, { reporter, write: true, filter: options.filter, shard: options.shard, renderStore: options.renderStore, postMemo: options.postMemo, pageMemo: options.pageMemo, record });
  });
}

interface StepOptions {
  reporter: Reporter;
  write: boolean;
  filter?: string;
  shard?: Shard;
  renderStore?: RenderStore;
  postMemo?: PostMemo;
  pageMemo?: PageMemo;
  /** A writing build with the cache on records what it made from what, for the next build's up-to-date check. */
  record?: { secret: Buffer; inputs: string | undefined };
}

// The render cache, and for a first build the highlighting threads, which load shiki while the posts are read.
async function buildSteps(config: ResolvedConfig, options: StepOptions): Promise<BuildResult> {
  const store = options.renderStore ?? (await openRenderStore(config)); // pages and blocks whose inputs did not change are reused
  const threads = await startThreadsIfCold(store, config.highlight, async () => (await findSourceFiles(config.root, config.contentDir)).length);
  try {
    return await runSteps(config, { ...options, renderStore: store, threads });
  } finally {
    threads?.close();
  }
}

async function runSteps(
  config: ResolvedConfig,
  { reporter, write, filter: query, shard, renderStore: store, postMemo: memo, pageMemo, threads, record }: StepOptions & { threads?: HighlightThreads },
): Promise<BuildResult> {
  const step = createStep(reporter);
  const baseUrlWarning = write ? placeholderBaseUrlWarning(config) : undefined; // only a build that publishes feeds needs the real address
  if (baseUrlWarning) reporter.warning(baseUrlWarning);

  const invalid = collectErrors(); // every mistake of every post (front matter, Markdown, code blocks), reported at once before anything runs
  let validUntil: number | null = null; // the date of the next future-dated post to appear
  const onScheduled = (date: Date) => (validUntil = Math.min(validUntil ?? Infinity, date.getTime()));
  const posts = await step(nameWithReuse('Loaded posts', memo?.sources), () => readPosts(config, { errors: invalid, onScheduled, memo: memo?.sources }));
  const filter = query === undefined ? undefined : postFilter(posts, query, config.root); // --filter: checked before anything runs
  const md = createMarkdown(config.markdown);
  const parsed = await step(nameWithReuse('Parsed Markdown', memo?.parses), () => invalid.each(posts, (post) => memo?.parses.parsePost(md, post, config.markdown) ?? parsePost(md, post)));
  const pages = await step((found) => `Loaded ${found.length} pages`, async () => invalid.each(await readPages(config, { errors: invalid }), (page) => refuseExamplesInPage(parsePage(md, page))));
  const statics = await step((files) => `Read ${files.length} static files`, () => readStaticFiles(config.root));
  // Missing images and files are content mistakes: reported with the others, before any example runs.
  const linkedFiles = await step((found) => `Found ${found.length} images and files beside posts and pages`, () => bindSiteFiles({ root: config.root, permalink: config.site.permalink, posts: parsed, pages, statics, errors: invalid }));
  const extracted = await step(nameWithReuse('Extracted examples', memo?.examples), () =>
    invalid.each(parsed, (post) => {
      const { examples, tokens } = memo?.examples.extract(post) ?? extractExamples(post);
      return { parsed: post, examples: applyPostPython(post.post, examples), tokens }; // a post's `python:` for blocks that choose none
    }),
  );
  invalid.throwIfAny();
  const variants = await step('Paired variants', () => pairVariants(extracted));
  const examples = extracted.flatMap((post) => post.examples);
  for (const warning of specWarnings(examples)) reporter.warning(warning); // other engines' attributes proofpress ignores
  const selection = selectExamples(examples, { filter, query, shard, write }); // --filter or --shard: the others are cached or not run
  const needs = pythonNeeds(posts, examples);
  const pythons = needs.length > 0 ? await step(describePythons, () => preparePythons(config, needs)) : undefined;
  const ctx = pythons ? await verificationContext(config, pythons) : undefined;
  if (ctx?.isolation.fallbackReason) reporter.info(`⚠ Examples run without namespaces (weaker isolation): ${ctx.isolation.fallbackReason}`);
  // A chosen Python that is not installed: its examples are "not run" (or, with --strict, failures below).
  if (config.missingInterpreter === 'warn') for (const warning of missingPythonWarnings(pythons, examples)) reporter.warning(warning);
  const selected = selection ? examples.filter(selection.runs) : examples;
  const verifiedLabel = selection ? `${selected.length} examples of ${selection.name} (of ${examples.length})` : `${examples.length} examples`;
  reporter.verifying?.(selected.length); // the live line's total: the examples reported below
  const verifications = await step(`Verified ${verifiedLabel}`, () =>
    verifyAll(examples, {
      ...ctx,
      concurrency: config.concurrency,
      filter: selection,
      onStarted: reporter.started,
      onVerified: (verification) => (!selection || selection.runs(verification) ? reporter.example(verification) : undefined), // others: in the summary only
    }),
  );
  const failed = verifications.filter((verification) => verification.status === 'failed');
  if (failed.length > 0 && config.onExampleFailure === 'error') throw summaryError(failed.map(failureError), verifications);
  for (const verification of failed) reporter.warning(failureError(verification)); // onExampleFailure: "warn"
  const everyFile: VerifiedPost[] = splitByPost(verifications, extracted).map(({ group: post, items: own }) => ({
    parsed: post.parsed,
    examples: post.examples,
    exampleTokens: post.tokens,
    verifications: own,
  }));
  const verified = attachVariants(everyFile, variants); // a variant file (a port) is shown on its post's page, not its own
  let stats: RenderStats | undefined;
  const rendered = await step(
    (rendered) => `Rendered ${rendered.length} files (${describePostPageSizes({ files: rendered, posts: verified, site: config.site, memo: pageMemo })}${describeRenderStats(stats)})`,
    () => renderSite(config, md, verified, pages, { store, threads, pageMemo, onStats: (made) => (stats = made) }),
  );
  threads?.close(); // highlighting is over: their memory is free for writing the site
  const cacheWritten = store?.flush(); // the new entries are written while links are checked and the site is written
  const files = await step(`Added ${statics.length} static and ${linkedFiles.length} linked files`, () => addSourcedFiles(rendered, [...statics, ...linkedFiles]));
  // Pagefind indexes the written pages before the swap; an index made from the same pages is kept instead.
  const searchIndex = write && config.site.search ? startSearchIndex(files, config.useCache ? { previous: config.outDir, stateFile: searchIndexStateFile(config.cacheDir) } : undefined) : undefined;
  await step('Checked internal links', () => checkLinks({ files, posts: verified, standalonePages: pages, site: config.site, memo: pageMemo, severity: config.linkCheck, warn: reporter.info }));
  if (write) {
    // Both folders are written before either is swapped in: a failure while writing leaves the old snippets/ and site/.
    // Unchanged files are linked from the current site; a folder that holds exactly its new files is left alone.
    let written: WriteStats | undefined;
    await step(() => `Wrote ${files.length} files to ${config.outDir}${describeWriteStats(written)} and ${examples.length} snippets to ${config.snippetsDir}`, () =>
      replaceFolders([
        siteFolder(config.outDir, files, {
          onWritten: (stats) => (written = stats),
          // `site.search: false`: no index, and a published one is not kept.
          beforeSwap: searchIndex ? (staging) => step((pages) => `Indexed ${pages} page(s) for search`, () => searchIndex.writeInto(staging)) : undefined,
          keepIfUnchanged: { searchIndexKept: searchIndex && (() => searchIndex.keepsPublished()) },
        }),
        snippetsFolder({ snippetsDir: config.snippetsDir, root: config.root, examples }),
      ]),
    );
  }
  await cacheWritten;
  if (record?.inputs !== undefined) {
    // Recorded only for a whole build whose verdicts may stand again; any other build removes the last record.
    const runtimes = pythons && ctx ? await digestRuntimes(pythons, ctx) : null;
    const complete = query === undefined && shard === undefined && runtimes !== undefined && reusableVerdicts(verifications);
    if (complete) {
      const outputs = await listOutputs(config.root, [config.outDir, config.snippetsDir]);
      await saveBuildRecord(config, { inputs: record.inputs, needs, runtimes, validUntil, outputs, verifications }, record.secret);
    } else await removeBuildRecord(config);
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
