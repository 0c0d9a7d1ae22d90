// Stage 1: where a top-level front-matter field is written in the file, for errors that point at it.

/** A top-level `key: value` line of the front matter, as written. */
export interface FieldSource {
  /** 1-based file line. */
  line: number;
  /** 1-based column where the value starts (after `key:` and spaces). */
  valueColumn: number;
  /** The value as written: without the key, a trailing `# comment` or surrounding quotes. */
  value: string;
}

/** The line of top-level `key:` in the front matter (never in the body), or undefined when it is not there. */
export function findField(text: string, key: string, bodyOffset: number): FieldSource | undefined {
  const frontMatter = text.replace(/\r\n?/g, '\n').split('\n').slice(0, bodyOffset);
  const index = frontMatter.findIndex((line) => line.startsWith(`${key}:`));
  if (index === -1) return undefined;
  const rest = frontMatter[index]!.slice(key.length + 1);
  const value = rest.trimStart();
  return { line: index + 1, valueColumn: key.length + 2 + rest.length - value.length, value: unquote(value.replace(/\s+#.*$/, '').trim()) };
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}
