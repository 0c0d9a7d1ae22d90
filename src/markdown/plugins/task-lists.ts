// markdown-it plugin: GitHub-style task lists (`- [x] done`, `- [ ] to do`) with @mdit/plugin-tasklist: read-only checkboxes with labels.
// Why a render rule of our own: the plugin writes `checked="checked"`; HTML's boolean attributes are written bare here, as everywhere else.
import { tasklist } from '@mdit/plugin-tasklist';
import type MarkdownIt from 'markdown-it';

const BOOLEAN_ATTRIBUTES: ReadonlySet<string> = new Set(['checked', 'disabled']);

/** The plugin: `<input type="checkbox" … disabled>` before each task's `<label>`, which names it. */
export function taskLists(md: MarkdownIt): void {
  md.use(tasklist, { disabled: true, label: true });
  md.renderer.rules.checkbox_input = (tokens, index) => {
    const attrs = (tokens[index]!.attrs ?? []).map(([name, value]) => (BOOLEAN_ATTRIBUTES.has(name) ? ` ${name}` : ` ${name}="${md.utils.escapeHtml(value)}"`));
    return `<input${attrs.join('')}>`;
  };
}
