// Formats any error for the terminal: message, location, example, code frame, details, hint, causes; a stack only with --debug.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { innerErrors, ProofpressError } from '../errors.ts';
import { escapeControls } from '../util/text.ts';
import { codeFrame } from './code-frame.ts';

/** How an error is printed. */
export interface FormatOptions {
  /** Paint the message red and the hint yellow. @default false */
  colour?: boolean;
  /** Append the stack trace (`--debug`). @default Boolean(process.env.DEBUG) */
  debug?: boolean;
  /**
   * The project folder, which errors' files are relative to: with it, an error with a file and line shows a
   * code frame of that file. Without it (or when the file cannot be read) there is none: reading a path
   * relative to some other folder could frame an unrelated file.
   */
  root?: string;
}

const useColour = (stream: NodeJS.WriteStream) => stream.isTTY && !process.env.NO_COLOR;
const paint = (code: string, text: string, colour: boolean) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);

/** The printable text of `error` (no trailing newline). */
export function formatError(error: unknown, options: FormatOptions = {}): string {
  const colour = options.colour ?? false;
  const debug = options.debug ?? Boolean(process.env.DEBUG);
  const lines: string[] = [];
  if (error instanceof ProofpressError) {
    // Every part may carry a post's file name or an example's output: escaped first, painted after.
    lines.push(paint('31;1', `✗ ${escapeControls(error.message)}`, colour));
    if (error.location) lines.push(`  File: ${escapeControls(error.location)}`);
    if (error.example) lines.push(`  Example: ${escapeControls(error.example)}`);
    const frame = options.root === undefined ? undefined : frameOf(error, options.root, colour);
    if (frame) lines.push('', ...indent(frame), '');
    for (const detail of error.details) lines.push(...indent(escapeControls(detail)));
    if (error.hint) lines.push(paint('33', `  Hint: ${escapeControls(error.hint)}`, colour));
  } else {
    lines.push(paint('31;1', `✗ Internal error: ${escapeControls((error as Error)?.message ?? String(error))}`, colour));
    lines.push('  This is a bug in proofpress. Run again with --debug to see the stack trace, and report it.');
  }
  const seen = new Set<unknown>([error]);
  for (let cause = (error as Error)?.cause; cause && !seen.has(cause); cause = (cause as Error).cause) {
    seen.add(cause);
    lines.push(`  Reason: ${escapeControls((cause as Error).message ?? String(cause))}`);
  }
  if (debug && error instanceof Error && error.stack) lines.push('', error.stack);
  return lines.join('\n');
}

/** `error` and, first, each located error it carries (failed examples, invalid posts), separated by blank lines. */
export function formatErrors(error: unknown, options: FormatOptions = {}): string {
  return [...innerErrors(error), error].map((each) => formatError(each, options)).join('\n\n');
}

/** Print `error` (and each error it carries) to stderr, coloured when stderr is a terminal. */
export function printError(error: unknown, options: Omit<FormatOptions, 'colour'> = {}): void {
  process.stderr.write(`${formatErrors(error, { ...options, colour: useColour(process.stderr) })}\n`);
}

function frameOf(error: ProofpressError, root: string, colour: boolean): string | undefined {
  if (error.file === undefined || error.line === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path.resolve(root, error.file), 'utf8');
  } catch {
    return undefined; // gone or unreadable since: the File: line still says where
  }
  return codeFrame(text, { line: error.line, column: error.column, colour });
}

function indent(text: string): string[] {
  return text.split('\n').map((line) => `  ${line}`);
}
