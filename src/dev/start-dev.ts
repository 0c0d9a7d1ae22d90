// `proofpress dev`: build in memory, serve, watch, rebuild one build at a time, and tell open pages to reload.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from '../build.ts';
import { CONFIG_FILE, type ConfigOverrides, type ResolvedConfig, resolveConfig } from '../config/resolve.ts';
import { PAGES_FOLDER } from '../content/pages.ts';
import { STATIC_FOLDER } from '../content/static-files.ts';
import { innerErrors } from '../errors.ts';
import { createPostMemo } from '../examples/post-memo.ts';
import { openRenderStore } from '../render/cache/render-store.ts';
import { createPageMemo } from '../render/page-facts.ts';
import { basePath } from '../render/urls.ts';
import { closeServer, listen } from '../serve/listen.ts';
import type { Verification } from '../verify/types.ts';
import { type DeferredFlushStore, deferFlush } from './deferred-flush.ts';
import { createDevServer } from './dev-server.ts';
import { type DevState, pageTag, siteOf } from './dev-site.ts';
import { createReloadHub } from './reload-hub.ts';
import { createSerialBuilds } from './serial-builds.ts';
import { watchSources } from './watch-sources.ts';

type Reporter = NonNullable<BuildOptions['reporter']>;

export interface DevOptions {
  root: string;
  /** Address to listen on. @default "127.0.0.1" (this machine only) */
  host: string;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Include drafts and future-dated posts. */
  drafts?: boolean;
  /** A build reporter: `quiet` for rebuilds, which print only failures (the CLI's, from report/). */
  reporter: (quiet: boolean) => Reporter;
  /** An error as plain text (the CLI's formatter, from report/), for the terminal and the error page. */
  formatError: (error: unknown) => string;
  /** Print one line (or block) to the terminal. */
  log: (text: string) => void;
}

/** A running dev server. */
export interface DevServer {
  url: string;
  /** Stop watching and serving; a build still running is left to the process's exit, which kills its examples. */
  close(): Promise<void>;
}

// The stylesheet and copy script: read from disk by every build (render/assets.ts), so editing them
// shows at once. The page templates are code (render/*.ts): changing those needs a restart.
const THEME_DIR = fileURLToPath(new URL('../render/assets/', import.meta.url));

/**
 * Serve the site of `options.root` from memory and keep it current. Builds never write site/ or
 * snippets/, so the dev server takes no build lock: `proofpress build` in another terminal runs beside
 * it (both may add entries to the verification cache, which are written atomically). A failing example is
 * published on its page as failed (onExampleFailure is "warn" here); any other build error replaces the
 * pages with an error page until a build succeeds, while the last good build's assets stay served.
 */
export async function startDev(options: DevOptions): Promise<DevServer> {
  const overrides: ConfigOverrides = { onExampleFailure: 'warn', useCache: true, drafts: options.drafts };
  let state: DevState = {};
  let renderStore: DeferredFlushStore | undefined;
  // Posts and the generated pages' links and sizes for the server's life too: a rebuild parses only the files whose
  // text changed, and scans only the pages whose content changed (issue 12).
  const postMemo = createPostMemo();
  const pageMemo = createPageMemo();
  const hub = createReloadHub((page) => pageTag(state, page));
  const server = createDevServer(() => state, hub);
  const url = await listen(server, options.host, options.port);
  const root = path.resolve(options.root);
  // `builds` (below) is only called once the watcher has scanned (ignoreInitial): nothing is reported before.
  const watcher = watchSources(watchedPaths(root), {
    accept: (event, file) => isSource(root, event, file),
    onChange: (changed) => builds.request(changed),
    onError: (error) => options.log(`⚠ Watching files failed: ${error.message}; restart the dev server if edits stop showing.`),
  });
  const builds = createSerialBuilds(async (changed) => {
    const started = Date.now();
    const first = state.site === undefined && state.failure === undefined;
    if (!first) options.log(`… ${describeChanges(options.root, changed)} changed; rebuilding`);
    try {
      const config = resolveConfig(options.root, overrides);
      watcher.setPaths(watchedPaths(config.root, config));
      // One render cache for the server's life: a rebuild finds every unchanged page and block in memory.
      renderStore ??= await openDevStore(config);
      const result = await build(config, { write: false, reporter: options.reporter(!first), renderStore, postMemo, pageMemo });
      state = { site: siteOf(result.files, basePath(config.site)) }; // a baseUrl with a path is served under it, as on the host
      renderStore?.forgetUnused(); // earlier versions of the pages just rendered again: memory stays the size of one site
      options.log(`✓ ${first ? 'Built' : 'Rebuilt'} in ${Date.now() - started} ms: ${describeExamples(result.verifications)}`);
    } catch (error) {
      // The previous good site stays in memory for its assets; pages show the error until a build succeeds.
      const text = describeError(error, options.formatError);
      state = { site: state.site, failure: text };
      options.log(`${text}\n✗ The build failed (${Date.now() - started} ms); pages show this error until a save fixes it.`);
    }
    hub.publish();
  }, (error) => options.log(options.formatError(error)));
  options.log(`Serving ${url} (building…) · watching ${describeWatched()} · Ctrl-C stops`);
  builds.request([]);
  await watcher.ready;
  return {
    url,
    close: async () => {
      await watcher.close();
      await closeServer(server);
      await renderStore?.flushNow();
    },
  };
}

// Written to disk once no rebuild has run for this long (see deferred-flush.ts).
const CACHE_WRITE_DELAY_MS = 2_000;

async function openDevStore(config: ResolvedConfig): Promise<DeferredFlushStore | undefined> {
  const store = await openRenderStore(config);
  return store && deferFlush(store, CACHE_WRITE_DELAY_MS);
}

// Posts and pages, the images and files beside them (diagram.png), and static/ are read by the build. A file
// without an extension there is `sed -i`'s temporary file (editors' own are ignored by the watcher): a rebuild for
// it would change nothing. A folder added or removed may hold posts.
function isSource(root: string, event: string, file: string): boolean {
  return event.endsWith('Dir') || path.extname(file) !== '' || file === path.join(root, CONFIG_FILE) || file.startsWith(THEME_DIR);
}

// What a build reads: the posts, the config file (whose contentDir may point elsewhere), pages/, static/ and the theme.
function watchedPaths(root: string, config?: ResolvedConfig): string[] {
  return [config?.contentDir ?? path.join(root, 'content'), path.join(root, CONFIG_FILE), path.join(root, PAGES_FOLDER), path.join(root, STATIC_FOLDER), THEME_DIR];
}

function describeWatched(): string {
  return `posts, ${PAGES_FOLDER}/, ${STATIC_FOLDER}/, ${CONFIG_FILE} and the theme (${THEME_DIR})`;
}

function describeChanges(root: string, changed: string[]): string {
  const names = changed.map((file) => path.relative(path.resolve(root), file) || file);
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

// `1 example ran (1 failed), 2 cached`: what a rebuild cost, so a writer sees that unchanged examples did not run again.
function describeExamples(verifications: Verification[]): string {
  // One pass: a 1,000-post site has 2,500 verdicts to count after every rebuild.
  let ran = 0;
  let failed = 0;
  let cached = 0;
  for (const verification of verifications) {
    if (verification.record && !verification.cached) ran++;
    if (verification.status === 'failed') failed++;
    if (verification.cached) cached++;
  }
  return `${ran} example${ran === 1 ? '' : 's'} ran${failed > 0 ? ` (${failed} failed, shown on the page)` : ''}, ${cached} cached`;
}

// A summary error carries one located error per failed example or invalid post: show each, as `proofpress build` prints them.
function describeError(error: unknown, format: (error: unknown) => string): string {
  return [...innerErrors(error), error].map(format).join('\n\n');
}
