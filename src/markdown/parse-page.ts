// Stage 2: parse a standalone page's body once, with the build's markdown-it instance, as posts are parsed.
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { Page } from '../content/pages.ts';
import { findUnclosedFence } from './unclosed-fence.ts';

/** A page with its token stream; `token.map` lines are body-relative (add `page.bodyOffset`). */
export interface ParsedPage {
  page: Page;
  tokens: Token[];
  /** The markdown-it env of the parse (reference definitions); rendering reuses it. */
  env: Record<string, unknown>;
}

/** Parse `page.body`; a code fence never closed is an error here (a page has no later stage that would report it). */
export function parsePage(md: MarkdownIt, page: Page): ParsedPage {
  const env: Record<string, unknown> = {};
  const tokens = md.parse(page.body, env);
  const unclosed = findUnclosedFence({ tokens, body: page.body, bodyOffset: page.bodyOffset, file: page.source });
  if (unclosed) throw unclosed;
  return { page, tokens, env };
}
