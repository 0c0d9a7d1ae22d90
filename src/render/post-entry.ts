// Stage 6: what every page, feed and map needs to know about one post, worked out once per build.
import type MarkdownIt from 'markdown-it';
import type { SiteInfo } from '../config/schema.ts';
import type { Post } from '../content/post.ts';
import type { CodeHighlighter } from './highlight.ts';
import { renderArticleHtml, type VerifiedPost } from './article.ts';
import { renderExcerptHtml } from './excerpt.ts';
import { readingMinutes, summarizePost } from './post-text.ts';
import { postUrl } from './urls.ts';

/** A post ready to render: its verified examples plus URL, summary, reading time and article HTML. */
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
  /** The article body with its example figures, rendered once for the page and the feeds. */
  articleHtml: string;
}

export interface PostEntryInput {
  md: MarkdownIt;
  site: SiteInfo;
  highlighter: CodeHighlighter;
  posts: VerifiedPost[];
}

/** One entry per post, in the order given (newest first). */
export function createPostEntries({ md, site, highlighter, posts }: PostEntryInput): PostEntry[] {
  return posts.map((verified) => {
    const url = postUrl(verified.parsed.post, site.permalink);
    return {
      verified,
      post: verified.parsed.post,
      url,
      summary: summarizePost(verified.parsed),
      // A summary written in front matter is the author's choice for lists, as in Hugo and WordPress.
      excerptHtml: verified.parsed.post.summary ? undefined : renderExcerptHtml({ md, parsed: verified.parsed, url }),
      readingMinutes: readingMinutes(verified.parsed),
      articleHtml: renderArticleHtml({ md, highlighter, post: verified }),
    };
  });
}
