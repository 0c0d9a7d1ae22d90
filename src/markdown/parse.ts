// Stage 2b: parse each post's body once; the same tokens are later used to extract examples and to render.
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { Post } from '../content/post.ts';
import type { MarkdownError } from '../errors.ts';
import { findUnclosedFence } from './unclosed-fence.ts';

/** A post with its parsed token stream. `token.map` lines are body-relative; add `post.bodyOffset` for file lines. */
export interface ParsedPost {
  post: Post;
  tokens: Token[];
  /** The markdown-it env used while parsing (reference definitions live here); rendering reuses it. */
  env: Record<string, unknown>;
  /**
   * Mistakes markdown-it forgives silently (a code fence never closed). They are not thrown here but reported by
   * extractExamples with the post's other errors, so that one run names every mistake of the post.
   */
  markdownErrors?: MarkdownError[];
}

/** Parse `post.body` with the build's markdown-it instance, noting a code fence that is never closed. */
export function parsePost(md: MarkdownIt, post: Post): ParsedPost {
  const env: Record<string, unknown> = {};
  const tokens = md.parse(post.body, env);
  const unclosed = findUnclosedFence({ tokens, body: post.body, bodyOffset: post.bodyOffset, file: post.source });
  return { post, tokens, env, ...(unclosed ? { markdownErrors: [unclosed] } : {}) };
}

/** 1-based file line of a block token. */
export function fileLineOf(parsed: ParsedPost, token: Token): number {
  return (token.map?.[0] ?? 0) + parsed.post.bodyOffset + 1;
}
