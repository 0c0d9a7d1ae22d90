// markdown-it plugin: `::: warning|tip|note|danger [title]` … `:::` containers (markdown-it-container) rendered as labelled asides.
// Why an aside with a visible title: the kind is said in words, not by colour alone, and screen readers can jump to it.
import type MarkdownIt from 'markdown-it';
import container, { type ContainerOptions } from 'markdown-it-container';

/** The kinds of callout, and the title each shows when the container names none. */
export const CALLOUT_KINDS = { note: 'Note', tip: 'Tip', warning: 'Warning', danger: 'Danger' } as const;

/** The plugin: one markdown-it-container per kind. */
export function callouts(md: MarkdownIt): void {
  for (const [kind, label] of Object.entries(CALLOUT_KINDS)) {
    const options: ContainerOptions = {
      render(tokens, index) {
        const token = tokens[index]!;
        if (token.nesting !== 1) return '</aside>\n';
        // `::: warning Mind the gap` → title "Mind the gap"; its accessible name keeps the kind: "Warning: Mind the gap".
        const title = token.info.trim().slice(kind.length).trim();
        const name = title ? `${label}: ${title}` : label;
        const escape = md.utils.escapeHtml;
        return `<aside class="callout callout-${kind}" aria-label="${escape(name)}">\n<p class="callout-title">${escape(title || label)}</p>\n`;
      },
    };
    md.use(container, kind, options);
  }
}
