// A few lines of a post around an error, with a `>` on its line and a `^` under its column, as Babel's code frame prints.
import { escapeControls } from '../util/text.ts';

/** Where the frame points, and how much it shows. */
export interface FrameOptions {
  /** 1-based line to mark. */
  line: number;
  /** 1-based column to put the `^` under; no `^` line without it. */
  column?: number;
  /** Lines shown above and below the marked one. @default 2 */
  context?: number;
  /** Paint the markers red and the gutter grey (escape sequences). @default false */
  colour?: boolean;
}

// A minified or pasted line must not flood the terminal: longer lines are cut with `…`.
const MAX_WIDTH = 160;

const paint = (code: string, text: string, colour: boolean) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);

/**
 * The frame of `text` (a file's content) around `options.line`, e.g.
 * ```
 *   11 | Some prose.
 * > 12 | ```python file=a.py expct="x"
 *      |                     ^
 *   13 | print("x")
 * ```
 * Undefined when the line is not in the text (the file changed since). Every line of content is escaped
 * (a post must not be able to put escape sequences on the terminal); the markers are painted after.
 */
export function codeFrame(text: string, options: FrameOptions): string | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const { line, column, context = 2, colour = false } = options;
  if (!Number.isInteger(line) || line < 1 || line > lines.length) return undefined;
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const frame: string[] = [];
  for (let number = first; number <= last; number++) {
    const source = lines[number - 1]!;
    const marked = number === line;
    const gutter = paint('90', ` ${String(number).padStart(width)} |`, colour);
    frame.push(`${marked ? paint('31;1', '>', colour) : ' '}${gutter}${source === '' ? '' : ` ${clip(escapeControls(source))}`}`);
    if (marked && column !== undefined && column >= 1 && column <= Math.min(source.length + 1, MAX_WIDTH)) {
      // Tabs stay tabs, so the `^` lands under the same character whatever the terminal's tab stops.
      const padding = escapeControls(source.slice(0, column - 1)).replace(/[^\t]/g, ' ');
      frame.push(` ${paint('90', ` ${' '.repeat(width)} |`, colour)} ${padding}${paint('31;1', '^', colour)}`);
    }
  }
  return frame.join('\n');
}

function clip(line: string): string {
  return line.length > MAX_WIDTH ? `${line.slice(0, MAX_WIDTH - 1)}…` : line;
}
