// Stage 6 entry: every output file of the site, rendered in memory from the verified posts.
import type MarkdownIt from 'markdown-it';
import type { ResolvedConfig } from '../config/resolve.ts';
import { loadTheme } from '../theme/load-theme.ts';
import { raw } from '../util/html.ts';
import type { ParsedPage } from '../markdown/parse-page.ts';
import { renderAliasPage } from './alias-page.ts';
import { moveUnderBasePath } from './base-path.ts';
import type { VerifiedPost } from './article.ts';
import { ASSET_FILES, loadAssetFiles, stylesheetUrls } from './assets.ts';
import { renderRobots, renderSitemap } from './crawlers.ts';
import { renderFavicon } from './favicon.ts';
import { renderFeeds } from './feeds.ts';
import { createCodeHighlighter } from './highlight.ts';
import { loadKatexAssets, usesMath } from './katex-assets.ts';
import { renderIndexPages } from './index-page.ts';
import type { PageContext } from './layout.ts';
import { renderNotFoundPage } from './not-found-page.ts';
import { renderPageFiles } from './page-page.ts';
import type { OutputFileData } from './output.ts';
import { createPostEntries, type PostEntry } from './post-entry.ts';
import { renderPostPage } from './post-page.ts';
import { renderNetlifyRedirects, renderNginxRedirects } from './redirect-maps.ts';
import { collectRedirects } from './redirects.ts';
import { renderTagPages } from './tag-page.ts';
import { basePath, fileForUrl } from './urls.ts';
import { renderVerificationJson, renderVerificationPage } from './verification-report.ts';

/** Render every page, feed, map and asset of the site for `posts` (sorted newest first). */
export async function renderSite(config: ResolvedConfig, md: MarkdownIt, posts: VerifiedPost[], standalonePages: ParsedPage[] = []): Promise<OutputFileData[]> {
  // Each example's language (variants' too), and `http` for the exchange blocks shown inside figures.
  const examples = posts.flatMap((post) => [...post.examples, ...(post.variants ?? []).flatMap((variant) => variant.post.examples)]);
  const loaded = await loadTheme(config); // the blog's theme/ → theme package → built-in, before any page is rendered
  const highlighter = await createCodeHighlighter(examples.flatMap((example) => [example.spec.lang, ...(example.exchangesText === undefined ? [] : ['http'])]), config.highlight);
  try {
    const entries = createPostEntries({ md, site: config.site, highlighter, posts });
    const ctx: PageContext = {
      site: config.site,
      scripts: ASSET_FILES.filter((name) => name.endsWith('.js')).map((name) => `/assets/${name}`),
      stylesheets: stylesheetUrls(loaded),
      footerHtml: config.site.footer === undefined ? undefined : raw(md.render(config.site.footer)),
      theme: loaded.theme,
    };
    const generated = [
      ...renderIndexPages(ctx, entries),
      ...entries.map((entry, i) => ({ path: fileForUrl(entry.url), content: renderPostPage({ ctx, md, entry, newer: entries[i - 1], older: entries[i + 1] }) })),
      ...renderTagPages(ctx, entries),
      renderVerificationPage(ctx, entries),
    ];
    // Standalone pages (pages/about.md) are pages like the rest for the sitemap and redirects, but never in lists or feeds.
    const pages = [...generated, ...renderPageFiles({ ctx, md, pages: standalonePages, generated, entries })];
    // Rendered as if at a domain's root; a baseUrl with a path (`/blog/`) moves every page's links under it, last.
    return moveUnderBasePath(config.site, [
      ...pages,
      renderNotFoundPage(ctx, entries),
      ...renderFeeds(config.site, entries),
      renderSitemap(config.site, sitemapPages(pages, entries)),
      renderRobots(config.site),
      ...renderRedirectFiles(config, entries, pages),
      renderVerificationJson(entries),
      renderFavicon(),
      ...(await loadAssetFiles(loaded)),
      // KaTeX's stylesheet and fonts (about 300 KB) only for a site whose pages hold math.
      ...(pages.some((page) => usesMath(String(page.content))) ? await loadKatexAssets() : []),
    ]);
  } finally {
    highlighter.dispose();
  }
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
    const entry = byFile.get(page.path);
    const url = `/${page.path.replace(/(^|\/)index\.html$/, '$1')}`;
    return { url, lastModified: entry ? (entry.post.updated ?? entry.post.date) : undefined };
  });
}
