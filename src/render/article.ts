// Stage 6: a post's article body rendered from the same tokens its examples were extracted from.
import type MarkdownIt from 'markdown-it';
import type { ExampleTokens, Example } from '../examples/extract.ts';
import type { VariantPair } from '../examples/variants.ts';
import type { ParsedPost } from '../markdown/parse.ts';
import type { CodeBlockEnv } from '../markdown/plugins/code-blocks.ts';
import type { Verification } from '../verify/types.ts';
import { exampleBlockRenderer } from './fence-rule.ts';
import type { CodeHighlighter } from './highlight.ts';
import type { VariantView } from './variant-panel.ts';

/** Everything known about one post once its examples are verified. */
export interface VerifiedPost {
  parsed: ParsedPost;
  examples: Example[];
  exampleTokens: ExampleTokens[];
  verifications: Verification[];
  /** Other versions of the post's code (`variant_of:` files, e.g. a port), shown beside the blocks they pair with. @default [] */
  variants?: VerifiedVariant[];
}

/** A variant file, verified, and how its blocks pair with its post's. */
export interface VerifiedVariant {
  post: VerifiedPost;
  pairs: VariantPair[];
}

export interface ArticleInput {
  md: MarkdownIt;
  highlighter: CodeHighlighter;
  post: VerifiedPost;
}

/** Render the article body (the same tokens examples were extracted from). */
export function renderArticleHtml({ md, highlighter, post }: ArticleInput): string {
  const views = variantViews(post);
  const env: CodeBlockEnv & Record<string, unknown> = {
    ...post.parsed.env,
    renderCodeBlock: exampleBlockRenderer({
      byToken: new Map(post.exampleTokens.map((position, i) => [position.codeTokenIndex, { example: post.examples[i]!, verification: post.verifications[i]!, variants: views.get(i) }])),
      // Output and ```http blocks belong to their example: rendered inside its figure, not on their own.
      outputTokens: new Set(post.exampleTokens.flatMap((position) => [position.outputTokenIndex, position.exchangeTokenIndex].filter((index) => index !== undefined))),
      highlighter,
    }),
  };
  return md.renderer.render(post.parsed.tokens, md.options, env);
}

/** What the post's own version of its code is called beside a variant: `as written in 2006`. */
export function originalName(post: VerifiedPost): string {
  return `as written in ${post.parsed.post.date.getUTCFullYear()}`;
}

/** For each example of the post (by index), its versions in the post's variants. */
export function variantViews(post: VerifiedPost): Map<number, VariantView[]> {
  const views = new Map<number, VariantView[]>();
  for (const variant of post.variants ?? []) {
    const at = (index: number) => ({ example: variant.post.examples[index]!, verification: variant.post.verifications[index]! });
    const all = variant.post.examples.map((_, index) => at(index));
    for (const pair of variant.pairs) {
      const view: VariantView = { ...at(pair.variant), name: variant.post.parsed.post.title, originalName: originalName(post), support: pair.support.map(at), all };
      views.set(pair.original, [...(views.get(pair.original) ?? []), view]);
    }
  }
  return views;
}
