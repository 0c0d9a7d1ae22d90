// Stage 2 memo for `proofpress dev`: the parse of each unchanged Post kept between rebuilds, handed out as parsed.
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { MarkdownOptions } from '../config/schema.ts';
import type { Post } from '../content/post.ts';
import type { Counted, MemoCounts } from '../util/memo-counts.ts';
import { type ParsedPost, parsePost } from './parse.ts';

/** The parses of the last build, for the next one. */
export interface ParseMemo extends Counted {
  /**
   * parsePost(md, post) where `md` is createMarkdown(options): computed once per Post object (see SourceMemo) and
   * options, then the same ParsedPost each time, with the token attributes it was parsed with.
   */
  parsePost(md: MarkdownIt, post: Post, options: MarkdownOptions): ParsedPost;
  counts(): MemoCounts;
}

interface KeptParse {
  /** The markdown options, as JSON. */
  options: string;
  parsed: ParsedPost;
  /** Every token (children included) that has attributes, with a copy of them as parsed. */
  attributes: { token: Token; attrs: [string, string][] }[];
}

/** An empty memo: `proofpress dev` keeps one for the server's life. */
export function createParseMemo(): ParseMemo {
  const kept = new WeakMap<Post, KeptParse>();
  const counts: MemoCounts = { made: 0, reused: 0 };
  return {
    parsePost(md, post, options) {
      const key = JSON.stringify(options);
      const hit = kept.get(post);
      if (hit?.options === key) {
        counts.reused++;
        restoreAttributes(hit.attributes);
        return hit.parsed;
      }
      counts.made++;
      const parsed = parsePost(md, post);
      kept.set(post, { options: key, parsed, attributes: copyAttributes(parsed.tokens) });
      return parsed;
    },
    counts: () => ({ ...counts }),
  };
}

// A build changes its tokens after parsing in one way only, their attributes: render/images.ts binds links and images
// to the files beside the post (href, src, width, height) and markdown-it's image rule writes the alt text as it renders.
// Each build must start from the attributes as parsed: binding a bound link again would miss its file (the link is
// root-relative by then), and an image whose file changed would keep its old size.
function copyAttributes(tokens: Token[]): KeptParse['attributes'] {
  const attributes: KeptParse['attributes'] = [];
  const add = (token: Token) => {
    if (token.attrs) attributes.push({ token, attrs: token.attrs.map(([name, value]) => [name, value]) });
  };
  for (const token of tokens) {
    add(token);
    for (const child of token.children ?? []) add(child);
  }
  return attributes;
}

// A token whose attributes are still as parsed keeps them: most are (headings' ids, external links), and copying all of
// a thousand posts' attributes made each rebuild ~1 MB of garbage (issue 12).
function restoreAttributes(attributes: KeptParse['attributes']): void {
  for (const { token, attrs } of attributes) if (!sameAttrs(token.attrs, attrs)) token.attrs = attrs.map(([name, value]) => [name, value]);
}

function sameAttrs(current: Token['attrs'], parsed: [string, string][]): boolean {
  if (!current || current.length !== parsed.length) return false;
  for (let i = 0; i < parsed.length; i++) if (current[i]![0] !== parsed[i]![0] || current[i]![1] !== parsed[i]![1]) return false;
  return true;
}
