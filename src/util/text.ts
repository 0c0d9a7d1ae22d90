// Small text helpers shared across stages.

/** The last `lines` lines of a log, for error messages. */
export function tailLines(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
