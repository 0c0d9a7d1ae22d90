// markdown-it plugin: an indented code block loses the indentation common to all its non-blank lines.
// Why: CommonMark strips four columns, but migrated posts (the 2006 seed) indent by six, leaving two stray spaces that
// the reader would copy and Python would reject (IndentationError). The token is changed, so shown and run stay one text.
import type MarkdownIt from 'markdown-it';

/** `text` without the leading whitespace all its non-blank lines share; blank lines lose up to as much. */
export function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0]);
  if (indents.length === 0) return text;
  // The common prefix, character by character: a tab and a space are different indentation.
  let common = indents[0]!;
  for (const indent of indents) {
    let same = 0;
    while (same < common.length && same < indent.length && common[same] === indent[same]) same += 1;
    common = common.slice(0, same);
  }
  if (common === '') return text;
  return lines.map((line) => (line.startsWith(common) ? line.slice(common.length) : line.trim() === '' ? '' : line)).join('\n');
}

/** The plugin: a core rule, after block parsing, that dedents every `code_block` token. Fenced blocks are left as written. */
export function dedentIndentedCode(md: MarkdownIt): void {
  md.core.ruler.after('block', 'proofpress_dedent_indented_code', (state) => {
    for (const token of state.tokens) {
      if (token.type === 'code_block') token.content = dedent(token.content);
    }
  });
}
