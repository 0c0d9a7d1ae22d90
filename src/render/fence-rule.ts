// Stage 6d: the example figures drawn for a post's code tokens, handed to markdown/plugins/code-blocks.ts through the render env.
import type Token from 'markdown-it/lib/token.mjs';
import type { Example } from '../examples/extract.ts';
import type { Verification } from '../verify/types.ts';
import { renderExampleFigure } from './example-figure.ts';
import type { CodeHighlighter } from './highlight.ts';
import { renderVariantGroup, type VariantView } from './variant-panel.ts';

/** Which token is which example, for one post. */
export interface ExampleBlocks {
  /** Token index of an example's code block → its example and verification. */
  byToken: Map<number, { example: Example; verification: Verification; variants?: VariantView[] }>;
  /** Token indexes of the blocks an example owns (```output, ```http), rendered inside its figure instead. */
  outputTokens: Set<number>;
  highlighter: CodeHighlighter;
}

/**
 * The `renderCodeBlock` of a post's render env. Every code token of a post is an example (extract.ts made
 * one per block), so it only looks it up; the code rendered is the token's content, the same string the
 * runner wrote to disk.
 */
export function exampleBlockRenderer(blocks: ExampleBlocks): (tokens: Token[], index: number) => string {
  const entries = [...blocks.byToken.values()];
  const pageExamples = entries.map((other) => other.example);
  return (_tokens, index) => {
    if (blocks.outputTokens.has(index)) return '';
    const entry = blocks.byToken.get(index);
    if (!entry) throw new Error(`code token ${index} has no example: extraction and rendering disagree`);
    // The examples that ran this block beside them (`with=`): a support file is verified through them.
    const ranWith = entries.filter((other) => other.example.companions.some((companion) => companion.line === entry.example.line));
    const { example, verification, variants = [] } = entry;
    const figure = renderExampleFigure({ example, verification, highlighter: blocks.highlighter, pageExamples, ranWith, variant: variants[0]?.originalName });
    // A block shown in other versions too (a port): the post's figure first, then each version with its diff.
    return variants.length === 0 ? figure : renderVariantGroup({ figure, original: example, views: variants, highlighter: blocks.highlighter });
  };
}
