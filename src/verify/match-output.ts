// The one way expected text is compared with what an example printed or answered: line by line, with
// the wildcards of console sessions (cram, ocaml-mdx and byexample use the same ideas). Pure: no I/O.

/** A line that is just this matches any number of lines, none included. */
export const ANY_LINES = '...';
const REGEX_SUFFIX = ' (re)';

/** How expected text is compared. */
export interface MatchOptions {
  /** The expected lines need only match the start of the actual text (a server still printing). @default false */
  prefix?: boolean;
}

type LinePattern = { kind: 'any-lines' } | { kind: 'line'; test: (line: string) => boolean };

/**
 * Whether `actual` matches `expected`, line by line. In `expected`: a line `...` matches any number
 * of lines; `...` inside a line matches any text within it; a line ending in ` (re)` is a regular
 * expression the whole line must match. A missing final newline on either side is no difference,
 * and `\r\n` counts as `\n` (HTTP bodies, Windows-minded programs).
 */
export function matchesOutput(expected: string, actual: string, options: MatchOptions = {}): boolean {
  const patterns = toLines(expected).map(toPattern);
  if (options.prefix) patterns.push({ kind: 'any-lines' });
  return matchLines(patterns, toLines(actual));
}

/** Whether an expected text uses any wildcard (so a reader should be told it is not literal). */
export function hasWildcards(expected: string): boolean {
  return toLines(expected).some((line) => line.includes(ANY_LINES) || line.endsWith(REGEX_SUFFIX));
}

/** An expected regular expression line that does not compile, with the reason; undefined when all compile. */
export function invalidRegexLine(expected: string): { line: number; reason: string } | undefined {
  const lines = toLines(expected);
  for (const [index, line] of lines.entries()) {
    if (!line.endsWith(REGEX_SUFFIX)) continue;
    try {
      new RegExp(line.slice(0, -REGEX_SUFFIX.length), 'u');
    } catch (error) {
      return { line: index + 1, reason: (error as Error).message };
    }
  }
  return undefined;
}

function toLines(text: string): string[] {
  const normalised = text.replace(/\r\n/g, '\n');
  if (normalised === '') return [];
  return normalised.replace(/\n$/, '').split('\n');
}

function toPattern(line: string): LinePattern {
  if (line === ANY_LINES) return { kind: 'any-lines' };
  if (line.endsWith(REGEX_SUFFIX)) {
    let regex: RegExp | undefined;
    try {
      regex = new RegExp(`^(?:${line.slice(0, -REGEX_SUFFIX.length)})$`, 'u');
    } catch {
      regex = undefined; // reported by invalidRegexLine; as a pattern it matches nothing
    }
    return { kind: 'line', test: (actual) => regex?.test(actual) ?? false };
  }
  if (line.includes(ANY_LINES)) {
    const glob = new RegExp(`^${line.split(ANY_LINES).map(escapeRegex).join('.*')}$`, 'su');
    return { kind: 'line', test: (actual) => glob.test(actual) };
  }
  return { kind: 'line', test: (actual) => actual === line };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Backtracking over (pattern, line) with memory of failed positions: linear for patterns without
// `...` lines, and at worst patterns × lines.
function matchLines(patterns: LinePattern[], lines: string[]): boolean {
  const failed = new Set<number>();
  const from = (p: number, l: number): boolean => {
    const key = p * (lines.length + 1) + l;
    if (failed.has(key)) return false;
    let ok: boolean;
    if (p === patterns.length) ok = l === lines.length;
    else {
      const pattern = patterns[p]!;
      if (pattern.kind === 'any-lines') {
        ok = false;
        for (let skip = l; skip <= lines.length && !ok; skip++) ok = from(p + 1, skip);
      } else ok = l < lines.length && pattern.test(lines[l]!) && from(p + 1, l + 1);
    }
    if (!ok) failed.add(key);
    return ok;
  };
  return from(0, 0);
}

/**
 * Whether the JSON value `actual` equals `expected`, object keys in any order; the string "..." as an
 * expected value matches any value.
 */
export function matchesJson(expected: unknown, actual: unknown): boolean {
  if (expected === ANY_LINES) return true;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => matchesJson(item, actual[i]));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const want = Object.keys(expected);
    const got = Object.keys(actual);
    return want.length === got.length && want.every((key) => Object.hasOwn(actual, key) && matchesJson((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key]));
  }
  return Object.is(expected, actual) || (typeof expected === 'number' && expected === actual);
}

/** `text` parsed as JSON, or undefined when it is not JSON. */
export function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}
