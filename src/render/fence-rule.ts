// Stage 6d: markdown-it render rules that turn code tokens into example figures, reading verifications from env.
import type MarkdownIt from 'markdown-it';
import type { Example } from '../examples/extract.ts';
import type { Verification } from '../verify/types.ts';
import { renderExampleFigure } from './example-figure.ts';
import type { CodeHighlighter } from './highlight.ts';
import { renderVariantGroup, type VariantView } from './variant-panel.ts';

/** What the render env carries for one post: which token is which example. */
export interface ExampleRenderEnv {
  proofpress: {
    /** Token index of an example's code block → its example and verification. */
    byToken: Map<number, { example: Example; verification: Verification; variants?: VariantView[] }>;
    /** Token indexes of the blocks an example owns (```output, ```http), rendered inside its figure instead. */
    outputTokens: Set<number>;
    highlighter: CodeHighlighter;
  };
}

/**
 * Replace the `fence` and `code_block` rules. Every code token of a post is an example (extract.ts
 * made one per block), so the rule only looks it up; the code rendered is the token's content, the
 * same string the runner wrote to disk. Markdown rendered without an example env (an editor's note)
 * keeps markdown-it's own rules.
 */
export function installExampleRules(md: MarkdownIt): void {
  const { fence, code_block: codeBlock } = md.renderer.rules;
  if (fence === undefined || codeBlock === undefined || (fence as { proofpress?: true }).proofpress) return;
  const render: MarkdownIt['renderer']['rules']['fence'] = (tokens, index, options, env: Partial<ExampleRenderEnv>, self) => {
    const state = env.proofpress;
    if (!state) return (tokens[index]!.type === 'fence' ? fence : codeBlock)(tokens, index, options, env, self);
    if (state.outputTokens.has(index)) return '';
    const entry = state.byToken.get(index);
    if (!entry) throw new Error(`code token ${index} has no example: extraction and rendering disagree`);
    const entries = [...state.byToken.values()];
    const pageExamples = entries.map((other) => other.example);
    // The examples that ran this block beside them (`with=`): a support file is verified through them.
    const ranWith = entries.filter((other) => other.example.companions.some((companion) => companion.line === entry.example.line));
    const { example, verification, variants = [] } = entry;
    const figure = renderExampleFigure({ example, verification, highlighter: state.highlighter, pageExamples, ranWith, variant: variants[0]?.originalName });
    // A block shown in other versions too (a port): the post's figure first, then each version with its diff.
    return variants.length === 0 ? figure : renderVariantGroup({ figure, original: example, views: variants, highlighter: state.highlighter });
  };
  // Marked so a second call (another build with the same instance) does not wrap the rule twice.
  Object.assign(render, { proofpress: true });
  md.renderer.rules.fence = render;
  md.renderer.rules.code_block = render;
}
