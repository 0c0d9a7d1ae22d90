// Stage 6: a post's article body rendered from the same tokens its examples were extracted from.
import type MarkdownIt from 'markdown-it';
import type { ExampleTokens, Example } from '../examples/extract.ts';
import type { ParsedPost } from '../markdown/parse.ts';
import type { Verification } from '../verify/types.ts';
import type { ExampleRenderEnv } from './fence-rule.ts';
import type { CodeHighlighter } from './highlight.ts';

/** Everything known about one post once its examples are verified. */
export interface VerifiedPost {
  parsed: ParsedPost;
  examples: Example[];
  exampleTokens: ExampleTokens[];
  verifications: Verification[];
}

export interface ArticleInput {
  md: MarkdownIt;
  highlighter: CodeHighlighter;
  post: VerifiedPost;
}

/** Render the article body (the same tokens examples were extracted from). */
export function renderArticleHtml({ md, highlighter, post }: ArticleInput): string {
  const env: ExampleRenderEnv & Record<string, unknown> = {
    ...post.parsed.env,
    proofpress: {
      byToken: new Map(post.exampleTokens.map((position, i) => [position.codeTokenIndex, { example: post.examples[i]!, verification: post.verifications[i]! }])),
      // Output and ```http blocks belong to their example: rendered inside its figure, not on their own.
      outputTokens: new Set(post.exampleTokens.flatMap((position) => [position.outputTokenIndex, position.exchangeTokenIndex].filter((index) => index !== undefined))),
      highlighter,
    },
  };
  return md.renderer.render(post.parsed.tokens, md.options, env);
}
