// markdown-it plugin: `fence` and `code_block` tokens are drawn by the render env's `renderCodeBlock` (the example figures) when it has one.
// Why a hook in env: figures need verification records and a highlighter, which exist only at render time (stage 6), and this stage imports none of it.
import type MarkdownIt from 'markdown-it';
import type { RendererRule } from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/** What a render env may bring for code: HTML for the code token at `index` (every code token of a post is an example). */
export interface CodeBlockEnv {
  renderCodeBlock?: (tokens: Token[], index: number) => string;
}

/** The plugin: wraps markdown-it's two code rules; without the hook (an editor's note, an excerpt) they draw as before. */
export function codeBlocks(md: MarkdownIt): void {
  const { fence, code_block: codeBlock } = md.renderer.rules;
  const render: RendererRule = (tokens, index, options, env: CodeBlockEnv, self) =>
    env.renderCodeBlock ? env.renderCodeBlock(tokens, index) : (tokens[index]!.type === 'fence' ? fence! : codeBlock!)(tokens, index, options, env, self);
  md.renderer.rules.fence = render;
  md.renderer.rules.code_block = render;
}
