// Stage 6: a post's excerpt (what comes before its `<!-- more -->`), rendered once for lists and feeds.
import type MarkdownIt from 'markdown-it';
import type { ParsedPost } from '../markdown/parse.ts';
import { pointFragmentsAt, prefixIds } from './in-page-links.ts';
import { excerptEnd } from './post-text.ts';

export interface ExcerptInput {
  md: MarkdownIt;
  parsed: ParsedPost;
  /** Root-relative URL of the post: in-page links of the excerpt lead there. */
  url: string;
}

/**
 * The HTML of the post's tokens before its `<!-- more -->` marker, or undefined without one. Rendered without
 * the examples' env, so a code block shows as plain escaped code (its verdict and copy button are on the
 * post's page). Ids are prefixed with the post's URL so that several excerpts can share a page.
 */
export function renderExcerptHtml({ md, parsed, url }: ExcerptInput): string | undefined {
  const end = excerptEnd(parsed.tokens);
  if (end === -1) return undefined;
  const html = md.renderer.render(parsed.tokens.slice(0, end), md.options, { ...parsed.env });
  return prefixIds(pointFragmentsAt(html, url), `${url.replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9_-]+/g, '-')}-`);
}
