// Formats any error for the terminal: message, location, example, details, hint, causes; a stack only with DEBUG.
import { ProofpressError } from '../errors.ts';
import { escapeControls } from '../util/text.ts';

const useColour = (stream: NodeJS.WriteStream) => stream.isTTY && !process.env.NO_COLOR;
const paint = (code: string, text: string, colour: boolean) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);

/** The printable text of `error` (no trailing newline). */
export function formatError(error: unknown, options: { colour?: boolean; debug?: boolean } = {}): string {
  const colour = options.colour ?? false;
  const debug = options.debug ?? Boolean(process.env.DEBUG);
  const lines: string[] = [];
  if (error instanceof ProofpressError) {
    // Every part may carry a post's file name or an example's output: escaped first, painted after.
    lines.push(paint('31;1', `✗ ${escapeControls(error.message)}`, colour));
    if (error.location) lines.push(`  File: ${escapeControls(error.location)}`);
    if (error.example) lines.push(`  Example: ${escapeControls(error.example)}`);
    for (const detail of error.details) lines.push(...indent(escapeControls(detail)));
    if (error.hint) lines.push(paint('33', `  Hint: ${escapeControls(error.hint)}`, colour));
  } else {
    lines.push(paint('31;1', `✗ Internal error: ${escapeControls((error as Error)?.message ?? String(error))}`, colour));
    lines.push('  This is a bug in proofpress. Run again with DEBUG=1 to see the stack trace, and report it.');
  }
  const seen = new Set<unknown>([error]);
  for (let cause = (error as Error)?.cause; cause && !seen.has(cause); cause = (cause as Error).cause) {
    seen.add(cause);
    lines.push(`  Reason: ${escapeControls((cause as Error).message ?? String(cause))}`);
  }
  if (debug && error instanceof Error && error.stack) lines.push('', error.stack);
  return lines.join('\n');
}

function indent(text: string): string[] {
  return text.split('\n').map((line) => `  ${line}`);
}

/** Print `error` to stderr, coloured when stderr is a terminal. */
export function printError(error: unknown): void {
  process.stderr.write(`${formatError(error, { colour: useColour(process.stderr) })}\n`);
}
