// markdown-it plugin: `<!-- example ATTRIBUTES -->` on its own lines becomes an invisible `example_annotation` token.
// Why: a legacy post's indented blocks have no info string; an annotation gives one its attributes without touching its code.
import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';

/** The token type of an annotation; `token.info` holds its attributes, `token.meta.problem` why it is malformed. */
export const ANNOTATION_TOKEN = 'example_annotation';

/** What the plugin records on an annotation token (extract.ts turns a problem into a located error). */
export interface AnnotationMeta {
  problem?: string;
}

// `example` must be a word of its own, so `<!-- examples follow -->` stays an ordinary (escaped) comment.
const OPENING = /^<!--\s*example(?=\s|-->|$)/;
const CLOSING = '-->';

/** The plugin: registers the block rule and a render rule that prints nothing. */
export function exampleAnnotations(md: MarkdownIt): void {
  // Before html_block (off here, `html: false`) and paragraph; like an HTML comment it may end a paragraph.
  md.block.ruler.before('html_block', 'example_annotation', annotationRule, { alt: ['paragraph', 'reference', 'blockquote'] });
  md.renderer.rules[ANNOTATION_TOKEN] = () => '';
}

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
}

function annotationRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  // Indented four columns or more, the line is code (possibly an annotation shown as an example of one).
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const first = lineText(state, startLine);
  const opening = OPENING.exec(first);
  if (!opening) return false;
  if (silent) return true;
  // The comment may span lines (a long expect=); it ends at the first `-->`, as an HTML comment does.
  const parts: string[] = [];
  let line = startLine;
  let text = first.slice(opening[0].length);
  let close = text.indexOf(CLOSING);
  while (close === -1 && line + 1 < endLine && !state.isEmpty(line + 1)) {
    parts.push(text);
    line += 1;
    text = lineText(state, line);
    close = text.indexOf(CLOSING);
  }
  const meta: AnnotationMeta = {};
  if (close === -1) {
    meta.problem = 'The annotation `<!-- example …` is not closed with `-->` before a blank line';
    parts.push(text);
  } else {
    parts.push(text.slice(0, close));
    if (text.slice(close + CLOSING.length).trim() !== '') meta.problem = 'Text follows `-->` on the annotation\'s line';
  }
  state.line = line + 1;
  const token = state.push(ANNOTATION_TOKEN, '', 0);
  token.block = true;
  token.hidden = true;
  token.map = [startLine, state.line];
  token.info = parts.join(' ').replace(/\s+/g, ' ').trim();
  token.meta = meta;
  return true;
}
