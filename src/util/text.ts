// Small text helpers shared across stages.

/** The last `lines` lines of a log, for error messages. */
export function tailLines(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Control characters shown as `\x1b` and the like, for anything printed to a terminal that came from
 * content or examples (a file name, a label, a server log, a diff of their output): a post must not be
 * able to move the cursor, retitle the terminal or hide lines in a build log. Tab and newline are kept.
 * Escape the text first and add proofpress's own colour codes after.
 */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
