// Stage 2c: a code fence that is never closed. CommonMark (and markdown-it) close it silently at the end of the
// post or of its list item or quote, so the rest of the post would be published, and run, as code.
import type Token from 'markdown-it/lib/token.mjs';
import { MarkdownError } from '../errors.ts';

/**
 * The first fence of `tokens` whose closing line is missing, as an error at its opening line; undefined when
 * every fence is closed. `body` is the Markdown the tokens came from and `bodyOffset` the front-matter lines.
 * A fence can only be closed by its last line, so that line is checked: when it is not a run of the fence's
 * marker (at least as long, nothing else but spaces, and not the opening line itself), the fence ran out.
 */
export function findUnclosedFence(args: { tokens: Token[]; body: string; bodyOffset: number; file: string }): MarkdownError | undefined {
  const lines = args.body.split('\n');
  for (const token of args.tokens) {
    if (token.type !== 'fence' || !token.map) continue;
    const [start, end] = token.map;
    if (end - 1 > start && closes(lines[end - 1] ?? '', token.markup)) continue;
    const opening = start + args.bodyOffset + 1;
    const last = end + args.bodyOffset;
    // Where the fence ends: at the end of the post, or earlier when a list item or a quote holds it.
    const toTheEnd = lines.slice(end).every((line) => line.trim() === '');
    const inside = toTheEnd ? `everything after line ${opening} is` : last === opening + 1 ? `line ${last} is` : `lines ${opening + 1}–${last} are`;
    return new MarkdownError(
      `This ${token.markup} block is never closed; ${inside} inside it`,
      {
        file: args.file,
        line: opening,
        hint: `Close it with a line of ${token.markup}. To show a fence inside a code block, open the outer block with more ${token.markup[0] === '`' ? 'backquotes' : 'tildes'} (${token.markup[0]!.repeat(token.markup.length + 1)}).`,
      },
    );
  }
  return undefined;
}

// A closing fence: the marker character at least as many times, then only spaces. The line may sit in a quote
// (`> ```) or a list item; leading spaces and `>` markers are the container's, not the fence's.
function closes(line: string, markup: string): boolean {
  const text = line.replace(/^(?:[ \t]*>)*/, '').trim();
  return text.length >= markup.length && [...text].every((char) => char === markup[0]);
}
