// Stage 6 entry: every output file of the site, rendered in memory from the verified posts; what the render cache holds is reused.
import type MarkdownIt from 'markdown-it';
import type { ResolvedConfig } from '../config/resolve.ts';
import { loadTheme } from '../theme/load-theme.ts';
import { raw } from '../util/html.ts';
import type { ParsedPage } from '../markdown/parse-page.ts';
import { renderAliasPage } from './alias-page.ts';
import { moveUnderBasePath } from './base-path.ts';
import type { VerifiedPost } from './article.ts';
import { ASSET_FILES, loadAssetFiles, stylesheetUrls } from './assets.ts';
import { renderFingerprints } from './cache/engine-fingerprint.ts';
import { postDigest, siteKey, themeDigest } from './cache/render-keys.ts';
import type { RenderStore } from './cache/render-store.ts';
import { renderRobots, renderSitemap } from './crawlers.ts';
import { renderFavicon } from './favicon.ts';
import { prepareBlocks } from './highlight-blocks.ts';
import { loadKatexAssets } from './katex-assets.ts';
import type { PageContext } from './layout.ts';
import type { HighlightThreads } from './workers/highlight-pool.ts';
import type { OutputFileData } from './output.ts';
import { checkPageFiles } from './page-page.ts';
import { anyPageUsesMath, type PageMemo } from './page-facts.ts';
import { type PageUnit, pageUnits } from './page-units.ts';
import { articleBlocks, createPostEntries, type PostEntry } from './post-entry.ts';
import { renderNetlifyRedirects, renderNginxRedirects } from './redirect-maps.ts';
import { collectRedirects } from './redirects.ts';
import { basePath, fileForUrl } from './urls.ts';
import { renderVerificationJson } from './verification-report.ts';

/** How a render used the cache. */
export interface RenderStats {
  /** Pages and feeds rendered now, and taken from the cache. */
  rendered: number;
  reused: number;
  /** Code blocks highlighted now, and taken from the cache (only those of articles rendered now are looked up). */
  highlighted: number;
  reusedBlocks: number;
}

export interface RenderSiteOptions {
  /** The render cache: a page or block whose inputs are unchanged is taken from it, and what is rendered is added. */
  store?: RenderStore;
  /** Called once with what was rendered and what was reused. */
  onStats?: (stats: RenderStats) => void;
  /** Highlighting threads started ahead (see startHighlightThreads); else started here when many blocks are new. */
  threads?: HighlightThreads;
  /** What the builds before found in each page (`proofpress dev`): only changed pages are searched for math. */
  pageMemo?: PageMemo;
}

/** `; 3 rendered, 1,121 from the render cache; 8 blocks highlighted`, for the build's progress line. */
export function describeRenderStats(stats: RenderStats | undefined): string {
  if (!stats) return '';
  const blocks = stats.highlighted + stats.reusedBlocks > 0 ? `; ${stats.highlighted.toLocaleString('en')} blocks highlighted, ${stats.reusedBlocks.toLocaleString('en')} cached` : '';
  return `; ${stats.rendered.toLocaleString('en')} rendered, ${stats.reused.toLocaleString('en')} from the render cache${blocks}`;
}

/** Render every page, feed, map and asset of the site for `posts` (sorted newest first). */
export async function renderSite(config: ResolvedConfig, md: MarkdownIt, posts: VerifiedPost[], standalonePages: ParsedPage[] = [], options: RenderSiteOptions = {}): Promise<OutputFileData[]> {
  const { store } = options;
  const loaded = await loadTheme(config); // the blog's theme/ → theme package → built-in, before any page is rendered
  const shared = {
    site: config.site,
    scripts: ASSET_FILES.filter((name) => name.endsWith('.js')).map((name) => `/assets/${name}`),
    stylesheets: stylesheetUrls(loaded),
    footerHtml: config.site.footer === undefined ? undefined : raw(md.render(config.site.footer)),
  };
  const ctx: PageContext = { ...shared, theme: loaded.theme };
  const [fingerprints, theme] = await Promise.all([renderFingerprints(), themeDigest(config)]);
  const { entries, prepareArticles } = createPostEntries({ md, site: config.site, posts });
  const digests = new Map(entries.map((entry) => [entry, postDigest(entry.verified)]));
  const units = pageUnits({ ctx, md, entries, digests, site: siteKey({ fingerprint: fingerprints.pages, config, ctx: shared, theme }), standalonePages });
  // Standalone pages (pages/about.md) may not take a URL the site generates; checked whatever the cache holds.
  const pageFiles = units.filter((unit) => unit.kind === 'page').map((unit) => unit.path); // the standalone pages come last
  checkPageFiles({ pages: standalonePages, generated: pageFiles.slice(0, pageFiles.length - standalonePages.length), entries });

  const found = store ? await store.load(units.map((unit) => unit.key)) : new Map<string, string>();
  const missing = units.filter((unit) => !found.has(unit.key));
  // Only the articles of what is rendered now are rendered (their blocks highlighted first, on every core).
  const articles = new Set(missing.flatMap((unit) => unit.articles));
  const blocks = articles.size === 0 ? undefined : await prepareBlocks(articleBlocks(articles), { store, fingerprint: fingerprints.blocks, themes: config.highlight, threads: options.threads });
  if (blocks) prepareArticles(articles, blocks.highlighter);
  const content = new Map(found);
  for (const unit of missing) {
    const text = unit.render();
    content.set(unit.key, text);
    store?.set(unit.key, text);
  }
  options.onStats?.({ rendered: missing.length, reused: units.length - missing.length, highlighted: blocks?.highlighted ?? 0, reusedBlocks: blocks?.cached ?? 0 });

  const fileOf = (unit: PageUnit): OutputFileData => ({ path: unit.path, content: content.get(unit.key)! });
  const pages = units.filter((unit) => unit.kind === 'page').map(fileOf);
  return [
    ...pages,
    ...units.filter((unit) => unit.kind !== 'page').map(fileOf), // 404.html, then the feeds
    renderSitemap(config.site, sitemapPages(pages, entries)),
    renderRobots(config.site),
    // Rendered as if at a domain's root; a baseUrl with a path (`/blog/`) moves every page's links under it, last.
    ...moveUnderBasePath(config.site, renderRedirectFiles(config, entries, pages)),
    renderVerificationJson(entries, digests),
    renderFavicon(),
    ...(await loadAssetFiles(loaded)),
    // KaTeX's stylesheet and fonts (about 300 KB) only for a site whose pages hold math.
    ...(anyPageUsesMath(pages, options.pageMemo) ? await loadKatexAssets() : []),
  ];
}

// Alias pages for old paths, plus the host redirect maps that also cover `/?p=ID`, which no file can.
function renderRedirectFiles(config: ResolvedConfig, entries: PostEntry[], pages: OutputFileData[]): OutputFileData[] {
  const redirects = collectRedirects(entries, new Set(pages.map((page) => page.path)));
  return [
    ...redirects.filter((redirect) => !redirect.query).map((redirect) => renderAliasPage(config.site, redirect)),
    { path: '_redirects', content: renderNetlifyRedirects(redirects, basePath(config.site)) },
    { path: 'nginx-redirects.conf', content: renderNginxRedirects(redirects, basePath(config.site)) },
  ];
}

// Every indexable page, with posts dated by their last update.
function sitemapPages(pages: OutputFileData[], entries: PostEntry[]) {
  const byFile = new Map(entries.map((entry) => [fileForUrl(entry.url), entry]));
  return pages.map((page) => {
    const url = `/${page.path.replace(/(^|\/)index\.html$/, '$1')}`;
    const entry = byFile.get(page.path);
    return { url, lastModified: entry ? (entry.post.updated ?? entry.post.date) : undefined };
  });
}
