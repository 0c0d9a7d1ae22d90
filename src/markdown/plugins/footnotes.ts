// markdown-it plugin: footnotes (`text[^1]` … `[^1]: note`) with markdown-it-footnote, plus labels for screen readers.
// Why: the plugin's `[1]` and `↩︎` links say nothing out of context; the footnotes section gets a name, each back link says where it goes.
import type MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';

/** The plugin: markdown-it-footnote with an accessible footnotes section and back links. */
export function footnotes(md: MarkdownIt): void {
  md.use(footnote);
  const rules = md.renderer.rules;
  rules.footnote_block_open = () => '<section class="footnotes" aria-label="Footnotes">\n<ol class="footnotes-list">\n';
  const anchor = rules.footnote_anchor!;
  rules.footnote_anchor = (tokens, index, options, env, self) => {
    const name = rules.footnote_caption!(tokens, index, options, env, self).replace(/^\[|\]$/g, '');
    // `↩︎` alone is read "leftwards arrow with hook".
    return anchor(tokens, index, options, env, self).replace('<a ', `<a aria-label="Back to reference ${md.utils.escapeHtml(name)}" `);
  };
}
