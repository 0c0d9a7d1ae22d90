// markdown-it plugin: link reference definitions (`[1]: http://…`) that are all a section holds are shown, as a list of links.
// Why: CommonMark renders definitions as nothing, so the seed's "References" heading, written over its three definitions, stood empty.
import type MarkdownIt from 'markdown-it';
import reference from 'markdown-it/lib/rules_block/reference.mjs';
import type Token from 'markdown-it/lib/token.mjs';

/** The token type of a definition; `meta` is a `ReferenceMeta`. Hidden unless it is listed. */
export const REFERENCE_TOKEN = 'reference_definition';

/** What a definition token records. */
export interface ReferenceMeta {
  /** The label as written (`1`) and as markdown-it keys it in `env.references` (`1`, case-folded). */
  label: string;
  key: string;
  /** Set when the definition is shown: the first of a list opens it, the last closes it. */
  listed?: { open: boolean; close: boolean };
}

// A label runs to the first unescaped `]` (CommonMark forbids unescaped brackets in labels).
const LABEL = /^\[((?:\\.|[^\\\]])*)\]:/s;

/** The plugin: markdown-it's reference rule, recorded as a token; a core rule picks the lists; a render rule shows them. */
export function referenceLists(md: MarkdownIt): void {
  md.block.ruler.at('reference', (state, startLine, endLine, silent) => {
    if (!reference(state, startLine, endLine, silent)) return false;
    if (silent) return true;
    const text = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[state.line - 1]);
    const label = LABEL.exec(text)?.[1] ?? '';
    const token = state.push(REFERENCE_TOKEN, '', 0);
    token.block = true;
    token.map = [startLine, state.line];
    token.meta = { label, key: md.utils.normalizeReference(label) } satisfies ReferenceMeta;
    return true;
  });
  // Pushed last, after markdown-it-footnote's `footnote_tail` has moved footnote definitions to the end.
  md.core.ruler.push('proofpress_reference_lists', (state) => markListedDefinitions(state.tokens));
  md.renderer.rules[REFERENCE_TOKEN] = (tokens, index, _options, env: { references?: Record<string, { href: string; title: string }> }) => {
    const { key, label, listed } = tokens[index]!.meta as ReferenceMeta;
    const target = env.references?.[key];
    if (!listed || !target) return '';
    const escape = md.utils.escapeHtml;
    const title = target.title ? ` — ${escape(target.title)}` : '';
    const item = `<li><span class="link-reference-label">[${escape(label)}]</span> <a href="${escape(target.href)}">${escape(md.normalizeLinkText(target.href))}</a>${title}</li>\n`;
    return `${listed.open ? '<ul class="link-references">\n' : ''}${item}${listed.close ? '</ul>\n' : ''}`;
  };
}

// What may follow a section: the next heading, or the footnotes gathered at the end.
const SECTION_ENDS: ReadonlySet<string> = new Set(['heading_open', 'footnote_block_open']);

/**
 * A run of definitions right after a heading, up to the next heading or the end, is the section's whole
 * content: it is listed. Definitions anywhere else stay invisible, as CommonMark has them. A label defined
 * twice is listed once (the first definition is the one links use).
 */
function markListedDefinitions(tokens: Token[]): void {
  const seen = new Set<string>();
  for (let index = 0; index < tokens.length; index++) {
    if (tokens[index]!.type !== 'heading_close') continue;
    let end = index + 1;
    while (tokens[end]?.type === REFERENCE_TOKEN) end++;
    if (end === index + 1 || (end < tokens.length && !SECTION_ENDS.has(tokens[end]!.type))) continue;
    const run = tokens.slice(index + 1, end).filter((token) => {
      const { key } = token.meta as ReferenceMeta;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    run.forEach((token, position) => {
      (token.meta as ReferenceMeta).listed = { open: position === 0, close: position === run.length - 1 };
    });
    index = end - 1;
  }
}
