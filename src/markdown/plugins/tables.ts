// markdown-it plugin: a Markdown table gets the stylesheet's class and a tab stop (as VitePress's plugins/table.ts does).
// Why the tab stop: on a phone a wide table scrolls sideways inside its own box, and the keyboard can scroll only what it can focus.
import type MarkdownIt from 'markdown-it';

/** The plugin: `<table class="markdown-table" tabindex="0">`. */
export function tables(md: MarkdownIt): void {
  md.renderer.rules.table_open = () => '<table class="markdown-table" tabindex="0">\n';
}
