// markdown-it plugin: give every heading a stable, unique `id` so sections can be linked to, in any script.
// Runs as a core rule after `inline` because it reads the heading's inline text; the table of contents reads the ids it sets.
import type MarkdownIt from 'markdown-it';

/**
 * Lower-case, dash-separated anchor text for a heading. Letters and digits of every script are kept
 * (`Установка` → `установка`, `安装指南` → `安装指南`): ids used to keep a-z and 0-9 only, so every
 * Cyrillic or CJK heading became `section`, `section-1`… Accents on Latin letters are still dropped, so
 * the ids of Latin headings (and the links to them) are what they were: `Café Über` → `cafe-uber`.
 */
export function slugifyHeading(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      // Only a Latin letter loses its marks: in other scripts a mark is part of the letter (й, हि, ك).
      .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
      .normalize('NFC')
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'section'
  );
}

/**
 * The plugin: adds `id` attributes to heading_open tokens, deduplicated per document. Linear in the
 * number of headings: each base remembers the next number to try, so the 500th `## Setup` does not
 * probe `setup-1` … `setup-499` again (goldmark#594 is that bug).
 */
export function headingIds(md: MarkdownIt): void {
  md.core.ruler.push('proofpress_heading_ids', (state) => {
    // Ids already set by earlier rules are taken too, so a generated `a-1` never repeats one.
    const used = new Set(state.tokens.map((token) => token.attrGet('id')).filter((id): id is string => Boolean(id)));
    const nextNumber = new Map<string, number>();
    state.tokens.forEach((token, index) => {
      if (token.type !== 'heading_open' || token.attrGet('id')) return;
      const base = slugifyHeading(state.tokens[index + 1]?.content ?? '');
      let id = base;
      if (used.has(id)) {
        let n = nextNumber.get(base) ?? 1;
        while (used.has(`${base}-${n}`)) n++;
        id = `${base}-${n}`;
        nextNumber.set(base, n + 1);
      }
      used.add(id);
      token.attrSet('id', id);
    });
  });
}
