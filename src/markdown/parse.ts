// Stage 2b: parse each post's body once; the same tokens are later used to extract examples and to render.
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { Post } from '../content/post.ts';

/** A post with its parsed token stream. `token.map` lines are body-relative; add `post.bodyOffset` for file lines. */
export interface ParsedPost {
  post: Post;
  tokens: Token[];
  /** The markdown-it env used while parsing (reference definitions live here); rendering reuses it. */
  env: Record<string, unknown>;
}

/** Parse `post.body` with the build's markdown-it instance. */
export function parsePost(md: MarkdownIt, post: Post): ParsedPost {
  const env: Record<string, unknown> = {};
  const tokens = md.parse(post.body, env);
  return { post, tokens, env };
}

/** 1-based file line of a block token. */
export function fileLineOf(parsed: ParsedPost, token: Token): number {
  return (token.map?.[0] ?? 0) + parsed.post.bodyOffset + 1;
}
