// markdown-it plugin: TeX math (`$E = mc^2$`, `$$ … $$` blocks) typeset at build time by KaTeX (@vscode/markdown-it-katex).
// Why at build time: readers get HTML (laid out with KaTeX's stylesheet and fonts) and MathML (for screen readers and feeds), no script.
import katexPluginModule from '@vscode/markdown-it-katex';
import type { PluginWithOptions } from 'markdown-it';
import type MarkdownIt from 'markdown-it';

/** Token types of math, for code that reads tokens (a summary shows the TeX as written). */
export const MATH_TOKENS: ReadonlySet<string> = new Set(['math_inline', 'math_block', 'math_inline_block']);

// The package is CommonJS with `exports.default`: Node hands an ES module importer the whole `module.exports`,
// while vitest's interop unwraps it. Either way this is the plugin function.
const katexPlugin = ((katexPluginModule as unknown as { default?: unknown }).default ?? katexPluginModule) as unknown as PluginWithOptions<{
  throwOnError?: boolean;
  output?: 'htmlAndMathml';
}>;

/** The plugin: a `$…$` span is taken as written once its `$` is reached, so markdown-it's backslash escapes never see the `\,` inside; rendered as KaTeX HTML + MathML. */
export function math(md: MarkdownIt): void {
  // throwOnError false: a TeX mistake is shown in red with KaTeX's message on hover, not a failed build.
  // `trust` stays off (KaTeX's default), so `\href{javascript:…}` and `\htmlData` render as errors, never as markup.
  md.use(katexPlugin, { throwOnError: false, output: 'htmlAndMathml' });
}
