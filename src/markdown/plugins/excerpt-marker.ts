// markdown-it plugin: `<!-- more -->` on its own line becomes an invisible `excerpt_marker` token.
// Why: lists and feeds show the part of a post before it (the WordPress convention migrated posts carry); raw HTML off, it was printed.
import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';

/** The token type of the marker; the tokens before the first top-level one are the post's excerpt. */
export const EXCERPT_MARKER_TOKEN = 'excerpt_marker';

// WordPress writes `<!--more-->`; spaces inside are allowed, as in Hugo's `<!--more-->` summary divider.
const MARKER = /^<!--\s*more\s*-->\s*$/i;

/** The plugin: registers the block rule and a render rule that prints nothing. */
export function excerptMarker(md: MarkdownIt): void {
  // Before html_block, so the marker is consumed (not emitted as a comment) whether raw HTML is on or off;
  // like an HTML comment it may end a paragraph.
  md.block.ruler.before('html_block', EXCERPT_MARKER_TOKEN, markerRule, { alt: ['paragraph', 'reference', 'blockquote'] });
  md.renderer.rules[EXCERPT_MARKER_TOKEN] = () => '';
}

function markerRule(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  // Indented four columns or more, the line is code that shows the marker.
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const line = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]);
  if (!MARKER.test(line)) return false;
  if (silent) return true;
  state.line = startLine + 1;
  const token = state.push(EXCERPT_MARKER_TOKEN, '', 0);
  token.block = true;
  token.map = [startLine, state.line];
  return true;
}
