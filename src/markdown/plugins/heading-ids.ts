// markdown-it plugin: give every heading a stable, unique `id` so sections can be linked to.
// Runs as a core rule after `inline` because it reads the heading's inline text.
import type MarkdownIt from 'markdown-it';

/** Lower-case, dash-separated anchor text for a heading. */
export function slugifyHeading(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'section'
  );
}

/** The plugin: adds `id` attributes to heading_open tokens, deduplicated per document. */
export function headingIds(md: MarkdownIt): void {
  md.core.ruler.push('proofpress_heading_ids', (state) => {
    const seen = new Map<string, number>();
    state.tokens.forEach((token, index) => {
      if (token.type !== 'heading_open' || token.attrGet('id')) return;
      const inline = state.tokens[index + 1];
      const base = slugifyHeading(inline?.content ?? '');
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      token.attrSet('id', count === 0 ? base : `${base}-${count}`);
    });
  });
}
