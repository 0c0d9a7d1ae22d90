// Stage 6: what later steps read from a generated page (its links, ids, size, math), and a memo of them for `proofpress dev`.
import { usesMath } from './katex-assets.ts';
import type { OutputFileData } from './output.ts';

/** The href and src values of a page, entities decoded. Our templates and markdown-it always quote with `"`. */
export function collectLinks(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((match) => decodeEntities(match[1]!));
}

/** The id values of a page, entities decoded. */
export function collectIds(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((match) => decodeEntities(match[1]!)));
}

/** One fact of each page, worked out again only for a page whose content changed. */
export interface ContentMemo<T> {
  /** The fact of the page at `path`: kept from an earlier call when its content is the same as then. */
  get(path: string, content: string): T;
  /** Forget every page not asked for since the last sweep (a whole-site step sweeps once it has seen every page). */
  sweep(): void;
}

/**
 * Facts of the generated pages, kept by path and exact content. A rebuild that takes 1,100 of 1,126 pages from the
 * render cache scans only the others (issue 12): dev's in-memory store hands out the same strings for unchanged
 * pages, so most comparisons are of a string with itself. A build without one makes a fresh one: the same results.
 */
export interface PageMemo {
  /** The page's links (collectLinks). */
  links: ContentMemo<PageLinks>;
  /** collectIds. */
  ids: ContentMemo<Set<string>>;
  /** Its size in UTF-8 bytes. */
  bytes: ContentMemo<number>;
  /** usesMath (render/katex-assets.ts). */
  math: ContentMemo<boolean>;
  /** The link check's verdicts of the build before (render/link-check.ts), by href. */
  verdicts: KeptVerdicts;
}

/** The links of one page. */
export interface PageLinks {
  /** Each distinct href and src, in the order they first appear. */
  hrefs: string[];
  /** Those with a fragment (`/post/#setup`): whether they hold depends on the ids of the page they reach too. */
  fragments: string[];
}

/**
 * What the link check found in the build before: the site it judged in (the paths of its files, base URL and later
 * folders), its verdict on each href it judged (one with a fragment was also judged by the ids of the page it
 * reaches: that page's `ids` Set), and the pages none of whose links was broken, with the links they had.
 */
export interface KeptVerdicts {
  site: string;
  byHref: Map<string, KeptVerdict>;
  clean: Map<string, PageLinks>;
}

/** One href's problem (undefined: it reaches a file), and for an href with a fragment, the page and ids it was judged by. */
export interface KeptVerdict {
  problem: string | undefined;
  file?: string;
  ids?: Set<string>;
}

/** An empty memo: `proofpress dev` keeps one for the server's life. */
export function createPageMemo(): PageMemo {
  return {
    links: createContentMemo((html) => {
      const hrefs = [...new Set(collectLinks(html))];
      return { hrefs, fragments: hrefs.filter((href) => href.includes('#')) };
    }),
    ids: createContentMemo(collectIds),
    bytes: createContentMemo((html) => Buffer.byteLength(html)),
    math: createContentMemo(usesMath),
    verdicts: { site: '', byHref: new Map(), clean: new Map() },
  };
}

/** Whether any of `pages` holds math (then the site publishes KaTeX's stylesheet and fonts). */
export function anyPageUsesMath(pages: OutputFileData[], memo?: PageMemo): boolean {
  if (!memo) return pages.some((page) => usesMath(String(page.content)));
  const found = pages.filter((page) => memo.math.get(page.path, String(page.content))).length > 0; // every page asked: the sweep keeps them all
  memo.math.sweep();
  return found;
}

function createContentMemo<T>(compute: (content: string) => T): ContentMemo<T> {
  let kept = new Map<string, { content: string; value: T }>();
  let used = new Map<string, { content: string; value: T }>();
  return {
    get(path, content) {
      const hit = used.get(path) ?? kept.get(path);
      const entry = hit?.content === content ? hit : { content, value: compute(content) };
      used.set(path, entry);
      return entry.value;
    },
    sweep() {
      kept = used;
      used = new Map();
    },
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (match, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? match;
  });
}
