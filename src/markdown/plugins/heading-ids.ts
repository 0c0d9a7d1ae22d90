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
    // Ids already set by earlier rules are taken too, so a generated `a-1` never repeats one.
    const used = new Set(state.tokens.map((token) => token.attrGet('id')).filter((id): id is string => Boolean(id)));
    state.tokens.forEach((token, index) => {
      if (token.type !== 'heading_open' || token.attrGet('id')) return;
      const base = slugifyHeading(state.tokens[index + 1]?.content ?? '');
      let id = base;
      for (let n = 1; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      token.attrSet('id', id);
    });
  });
}
