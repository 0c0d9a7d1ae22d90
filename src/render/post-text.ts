// Stage 6: plain text derived from a post's parsed tokens: its summary for lists and feeds, and its reading time.
import type Token from 'markdown-it/lib/token.mjs';
import type { ParsedPost } from '../markdown/parse.ts';
import { EXCERPT_MARKER_TOKEN } from '../markdown/plugins/excerpt-marker.ts';
import { MATH_TOKENS } from '../markdown/plugins/math.ts';

/** Reading speed used for "N min read". */
export const WORDS_PER_MINUTE = 200;

/** Longest summary taken from the first paragraph; longer ones are cut at a word and end with "…". */
export const SUMMARY_MAX_CHARS = 280;

/** The plain text of an inline token: text, code, math as TeX and image alt text, line breaks as spaces. */
export function inlineText(inline: Token): string {
  const parts = (inline.children ?? []).map((child) => {
    if (child.type === 'softbreak' || child.type === 'hardbreak') return ' ';
    if (child.type === 'image') return inlineText(child);
    return child.type === 'text' || child.type === 'text_special' || child.type === 'code_inline' || MATH_TOKENS.has(child.type) ? child.content : '';
  });
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/**
 * The post's summary as plain text (not escaped): front matter `summary`/`description`, else the text before
 * its `<!-- more -->`, else its first paragraph; the last two cut at `maxChars`.
 */
export function summarizePost(parsed: ParsedPost, maxChars = SUMMARY_MAX_CHARS): string {
  if (parsed.post.summary) return parsed.post.summary.replace(/\s+/g, ' ').trim();
  const { tokens } = parsed;
  const end = excerptEnd(tokens);
  if (end !== -1) return truncateAtWord(tokens.slice(0, end).filter((token) => token.type === 'inline').map(inlineText).filter(Boolean).join(' '), maxChars);
  // Only a top-level paragraph counts: one inside a list or a quote is not the post's opening.
  const open = tokens.findIndex((token) => token.type === 'paragraph_open' && token.level === 0);
  const inline = open === -1 ? undefined : tokens[open + 1];
  return inline ? truncateAtWord(inlineText(inline), maxChars) : '';
}

/** Index of the post's `<!-- more -->` marker (top level, the first), or -1: the tokens before it are its excerpt. */
export function excerptEnd(tokens: readonly Token[]): number {
  return tokens.findIndex((token) => token.type === EXCERPT_MARKER_TOKEN && token.level === 0);
}

/** `text` cut to at most `maxChars` characters at a word boundary, with "…" when cut. */
export function truncateAtWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  // Keep the whole cut when it already ends at a word; else drop the partial word (unless that loses most).
  const kept = text[maxChars - 1] === ' ' || space <= maxChars / 2 ? cut : cut.slice(0, space);
  return `${kept.replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** Words of prose (code blocks excluded: they are scanned, not read word by word). */
export function countWords(parsed: ParsedPost): number {
  return parsed.tokens
    .filter((token) => token.type === 'inline')
    .reduce((sum, token) => sum + inlineText(token).split(' ').filter(Boolean).length, 0);
}

/** Whole minutes to read the post at WORDS_PER_MINUTE, at least 1. */
export function readingMinutes(parsed: ParsedPost): number {
  return Math.max(1, Math.round(countWords(parsed) / WORDS_PER_MINUTE));
}
