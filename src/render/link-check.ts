// Stage 6q: every internal href/src of every generated page must reach a generated file (and anchor); a broken one is located in its post.
import type { SiteInfo } from '../config/schema.ts';
import { RenderError } from '../errors.ts';
import type Token from 'markdown-it/lib/token.mjs';
import type { Post } from '../content/post.ts';
import type { ParsedPage } from '../markdown/parse-page.ts';
import type { OutputFileData } from './output.ts';
import type { VerifiedPost } from './article.ts';
import { collectLinks, createPageMemo, type KeptVerdict, type KeptVerdicts, type PageLinks, type PageMemo } from './page-facts.ts';
import { basePath, fileForUrl, postUrl } from './urls.ts';

export { collectLinks } from './page-facts.ts';

/** An internal link that no generated file answers. */
export interface BrokenLink {
  /** Where to fix it: the post's source file (with `line`) for Markdown links, else the generated page. */
  file: string;
  line?: number;
  /** The generated page holding the link. */
  page: string;
  href: string;
  problem: string;
}

export interface LinkCheckInput {
  files: OutputFileData[];
  posts: VerifiedPost[];
  /** Standalone pages (pages/*.md), so their broken links are located in their source too. @default [] */
  standalonePages?: ParsedPage[];
  site: SiteInfo;
  /** Root-relative folders written after rendering (the search index), taken on trust. @default ["/pagefind/"] */
  laterFolders?: string[];
  /** Each page's links and ids, and the verdicts on them, from the build before (`proofpress dev`). @default a new memo */
  memo?: PageMemo;
}

/** Every broken internal link of the generated HTML pages, in page order. */
export function findBrokenLinks({ files, posts, standalonePages = [], site, laterFolders = ['/pagefind/'], memo = createPageMemo() }: LinkCheckInput): BrokenLink[] {
  const pages = new Map(files.map((file) => [file.path, typeof file.content === 'string' ? file.content : undefined]));
  const ids = new Map<string, Set<string>>(); // the memo is asked once per page: a thousand links reach one report page
  const idsOf = (file: string) => ids.get(file) ?? ids.set(file, memo.ids.get(file, pages.get(file) ?? '')).get(file)!;
  const { problemOf, isClean } = judgeLinks({ site, pages, laterFolders, idsOf, verdicts: memo.verdicts });
  let sources: Map<string, LinkSource> | undefined;
  const broken: BrokenLink[] = [];
  for (const [page, content] of pages) {
    if (content === undefined || !page.endsWith('.html')) continue;
    if (isClean(page, memo.links.get(page, content))) continue;
    // A page with a broken link: each of its links again, in page order and repeats included, located in its Markdown.
    sources ??= new Map<string, LinkSource>([
      ...posts.map((post) => [fileForUrl(postUrl(post.parsed.post, site.permalink)), post.parsed] as const),
      ...standalonePages.map(({ page, tokens }) => [fileForUrl(page.url), { tokens, post: page }] as const),
    ]);
    const parsed = sources.get(page);
    const markdownLines = parsed ? markdownLinkLines(parsed) : new Map<string, number>();
    for (const href of collectLinks(content)) {
      const problem = problemOf(href);
      if (!problem) continue;
      // The Markdown wrote the link root-relative (`/tags/x/`); the page holds it under the base path (`/blog/tags/x/`).
      const line = markdownLines.get(href) ?? markdownLines.get(withoutBasePath(href, basePath(site)) ?? href);
      broken.push(line !== undefined && parsed ? { file: parsed.post.source, line, page, href, problem } : { file: page, page, href, problem });
    }
  }
  memo.links.sweep();
  memo.ids.sweep();
  return broken;
}

// Whether an href reaches a file depends only on the site's files: each distinct href is judged once per build, however
// many pages hold it. The verdicts are kept for the next build while the site has the same files (paths): an href with a
// fragment also needs the page it reaches to have the same ids (the same Set from the memo, which is kept while the
// page's content is the same). A page none of whose links was broken, whose links are the same (its content is), in a
// site with the same files, needs only its links with a fragment judged again. So a dev rebuild after an edit judges
// the links of the pages it rendered and those that reach pages whose ids changed (issue 12), and a link to a page
// deleted since, or to a heading renamed since, is judged again.
function judgeLinks({ verdicts, ...context }: LinkContext & { verdicts: KeptVerdicts }) {
  const site = JSON.stringify([context.site.baseUrl, context.laterFolders, [...context.pages.keys()]]);
  const [kept, keptClean] = site === verdicts.site ? [verdicts.byHref, verdicts.clean] : [new Map<string, KeptVerdict>(), new Map<string, PageLinks>()];
  const judged = new Map<string, KeptVerdict>();
  const clean = new Map<string, PageLinks>();
  Object.assign(verdicts, { site, byHref: judged, clean });
  const base = basePath(context.site);
  const problemOf = (href: string): string | undefined => {
    const known = judged.get(href);
    if (known) return known.problem;
    let verdict = kept.get(href);
    if (!verdict || (verdict.ids && verdict.ids !== context.idsOf(verdict.file!))) {
      let reached: { file: string; ids: Set<string> } | undefined;
      const idsOf = (file: string) => (reached = { file, ids: context.idsOf(file) }).ids;
      verdict = { problem: checkLink(href, { ...context, idsOf, base }), ...reached };
    }
    judged.set(href, verdict);
    return verdict.problem;
  };
  return {
    problemOf,
    /** Whether none of the links of `page` is broken. */
    isClean(page: string, links: PageLinks): boolean {
      const judging = keptClean.get(page) === links ? links.fragments : links.hrefs;
      if (!judging.every((href) => problemOf(href) === undefined)) return false;
      clean.set(page, links);
      return true;
    },
  };
}

export interface CheckLinksInput extends LinkCheckInput {
  severity: 'error' | 'warn';
  /** Where warnings go when `severity` is `warn`. */
  warn: (message: string) => void;
}

/** Find broken links; with severity `error` throw one RenderError naming them all, else warn about each. */
export function checkLinks({ severity, warn, ...input }: CheckLinksInput): BrokenLink[] {
  const broken = findBrokenLinks(input);
  const lines = broken.map((link) => `${link.line === undefined ? link.file : `${link.file}:${link.line}`}: ${link.href} (${link.problem})`);
  if (broken.length === 0) return broken;
  if (severity === 'warn') {
    for (const line of lines) warn(`⚠ broken internal link: ${line}`);
    return broken;
  }
  const first = broken[0]!;
  throw new RenderError(broken.length === 1 ? `Broken internal link ${first.href}: ${first.problem}` : `${broken.length} broken internal links`, {
    file: first.file,
    line: first.line,
    details: broken.length === 1 ? [] : lines,
    hint: 'Point each link at a page of this site (a post permalink, /tags/…/, /) or a file of static/ (static/images/x.png is /images/x.png), or set "linkCheck": "warn" in proofpress.config.json to publish anyway.',
  });
}

interface LinkContext {
  site: SiteInfo;
  pages: Map<string, string | undefined>;
  laterFolders: string[];
  idsOf: (file: string) => Set<string>;
  /** basePath(site), when worked out once for many links. */
  base?: string;
}

/** What is wrong with `href`, or undefined when it is external or reaches a generated file. */
export function checkLink(href: string, { site, pages, laterFolders, idsOf, base: knownBase }: LinkContext): string | undefined {
  const absolute = href.startsWith(site.baseUrl) ? `/${href.slice(site.baseUrl.length)}` : undefined;
  if (absolute === undefined && (!href.startsWith('/') || href.startsWith('//'))) return undefined;
  const base = knownBase ?? basePath(site);
  const internal = absolute ?? withoutBasePath(href, base);
  if (internal === undefined) return `outside the site's base path ${base} (site.baseUrl)`;
  const [withoutFragment = '', fragment] = internal.split('#', 2);
  let path: string;
  try {
    path = decodeURIComponent(withoutFragment.split('?', 1)[0]!);
  } catch {
    return 'malformed %-escape';
  }
  if (laterFolders.some((folder) => path.startsWith(folder))) return undefined;
  const file = [path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1), `${path.slice(1)}/index.html`].find((candidate) => pages.has(candidate));
  if (file === undefined) return `no page at ${fileForUrl(path)}`;
  if (fragment && file.endsWith('.html') && !idsOf(file).has(safeDecode(fragment))) return `no id="${fragment}" on ${file}`;
  return undefined;
}

/** A root-relative href as the site's own path (`/blog/tags/` → `/tags/`), or undefined when it lies outside the base path. */
function withoutBasePath(href: string, base: string): string | undefined {
  if (base === '/') return href;
  return href.startsWith(base) ? `/${href.slice(base.length)}` : href === base.slice(0, -1) ? '/' : undefined;
}

/** The Markdown a page was rendered from: a post's or a standalone page's tokens and source. */
export interface LinkSource {
  tokens: Token[];
  post: Pick<Post, 'source' | 'bodyOffset'>;
}

/** File line (1-based) of each link and image target in the post's Markdown, first occurrence winning. */
export function markdownLinkLines(parsed: LinkSource): Map<string, number> {
  const lines = new Map<string, number>();
  for (const token of parsed.tokens) {
    if (token.type !== 'inline' || !token.map) continue;
    // An inline token carries its block's lines; each soft or hard break inside it moves one line down.
    let line = token.map[0] + parsed.post.bodyOffset + 1;
    for (const child of token.children ?? []) {
      if (child.type === 'softbreak' || child.type === 'hardbreak') line++;
      const target = child.type === 'link_open' ? child.attrGet('href') : child.type === 'image' ? child.attrGet('src') : null;
      if (target !== null && !lines.has(target)) lines.set(target, line);
    }
  }
  return lines;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
