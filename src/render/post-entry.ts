// Stage 6: what every page, feed and map needs to know about one post, each part worked out once, when first needed.
import type MarkdownIt from 'markdown-it';
import type { SiteInfo } from '../config/schema.ts';
import type { Post } from '../content/post.ts';
import type { ParsedPost } from '../markdown/parse.ts';
import type { CodeHighlighter, HighlightRequest } from './highlight.ts';
import { renderArticleHtml, type VerifiedPost } from './article.ts';
import { figureBlocks } from './example-figure.ts';
import { renderExcerptHtml } from './excerpt.ts';
import { excerptEnd, readingMinutes, summarizePost } from './post-text.ts';
import { keptPostUrl } from './post-url-memo.ts';

/**
 * A post ready to render: its verified examples plus URL, summary, reading time and article HTML. The derived
 * fields are computed on first read, so a build whose pages all come from the render cache computes none.
 */
export interface PostEntry {
  verified: VerifiedPost;
  post: Post;
  /** Root-relative permalink. */
  url: string;
  /** Plain text (escape it where it is used). */
  summary: string;
  /** The HTML before the post's `<!-- more -->`, shown by lists and feeds instead of `summary` (unless front matter sets a summary). */
  excerptHtml?: string;
  readingMinutes: number;
  /** The article body with its example figures, rendered once for the page and the feeds (after `prepareArticles`). */
  articleHtml: string;
}

export interface PostEntryInput {
  md: MarkdownIt;
  site: SiteInfo;
  posts: VerifiedPost[];
}

/** The entries, and how to render their articles once their blocks are highlighted. */
export interface PostEntries {
  /** One entry per post, in the order given (newest first). */
  entries: PostEntry[];
  /** Render the articles of `entries` with `highlighter`, which must answer every block of `articleBlocks(entries)`. */
  prepareArticles(entries: Iterable<PostEntry>, highlighter: CodeHighlighter): void;
}

/** Entries for `posts`; articles are rendered by `prepareArticles`, since highlighting their blocks is asynchronous. */
export function createPostEntries({ md, site, posts }: PostEntryInput): PostEntries {
  const articles = new Map<PostEntry, string>();
  const entries = posts.map((verified): PostEntry => {
    const url = keptPostUrl(verified.parsed.post, site.permalink);
    const summary = once(() => keptSummary(verified.parsed));
    // A summary written in front matter is the author's choice for lists, as in Hugo and WordPress.
    const excerpt = once(() => (verified.parsed.post.summary || !keptHasExcerpt(verified.parsed) ? undefined : renderExcerptHtml({ md, parsed: verified.parsed, url })));
    const minutes = once(() => keptMinutes(verified.parsed));
    return {
      verified,
      post: verified.parsed.post,
      url,
      get summary() {
        return summary();
      },
      get excerptHtml() {
        return excerpt();
      },
      get readingMinutes() {
        return minutes();
      },
      get articleHtml() {
        const article = articles.get(this);
        // render-site.ts prepares the article of every entry a page or feed it renders receives.
        if (article === undefined) throw new Error(`the article of ${verified.parsed.post.source} was read before it was prepared (render/render-site.ts)`);
        return article;
      },
    };
  });
  return {
    entries,
    prepareArticles(chosen, highlighter) {
      for (const entry of chosen) if (!articles.has(entry)) articles.set(entry, renderArticleHtml({ md, highlighter, post: entry.verified }));
    },
  };
}

/** Every block the articles of `entries` highlight: each figure's, the post's and its variants'. */
export function articleBlocks(entries: Iterable<PostEntry>): HighlightRequest[] {
  const blocks: HighlightRequest[] = [];
  for (const { verified } of entries) {
    for (const example of [...verified.examples, ...(verified.variants ?? []).flatMap((variant) => variant.post.examples)]) {
      const { code, output, exchanges } = figureBlocks(example);
      blocks.push(code, ...(output ? [output] : []), ...(exchanges ? [exchanges] : []));
    }
  }
  return blocks;
}

// Every tag page lists each of its posts with a summary (or excerpt) and reading time: worked out once per ParsedPost,
// not once per build, for `proofpress dev`, whose memo (examples/post-memo.ts) hands an unchanged post's ParsedPost to
// every rebuild (issue 12). They are read from the tokens' text and kinds, which nothing changes after parsing
// (render/images.ts rewrites attributes only), and from front matter. WeakMaps, as memos of pure functions: they let go
// with the post. (The excerpt's HTML is rendered each time: its images and links are bound anew in each build.)
const keptSummary = keptPerParse(summarizePost);
const keptMinutes = keptPerParse(readingMinutes);
const keptHasExcerpt = keptPerParse((parsed) => excerptEnd(parsed.tokens) !== -1);

function keptPerParse<T>(compute: (parsed: ParsedPost) => T): (parsed: ParsedPost) => T {
  const kept = new WeakMap<ParsedPost, { value: T }>();
  return (parsed) => (kept.get(parsed) ?? kept.set(parsed, { value: compute(parsed) }).get(parsed)!).value;
}

function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}
