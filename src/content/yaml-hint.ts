// Stage 1b: what to do about a YAML error in front matter, for the mistakes writers make (an unquoted colon in a title).

/** Where the mistake is and what to do; the line may be above the one js-yaml names, which is where it noticed. */
export interface YamlHint {
  /** 1-based file line of the mistake. */
  line: number;
  /** 1-based column of the value at fault, when the mistake is a value. */
  column?: number;
  hint: string;
}

const GENERIC = 'Front matter must be valid YAML between two `---` lines at the top of the file.';
// A top-level `key: value` line.
const FIELD = /^([A-Za-z_][\w-]*):[ \t]+(\S.*)$/;
// A quoted value followed by more text: `"Hello" world`.
const QUOTED_THEN_TEXT = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*[^\s#]/;

/**
 * The hint for js-yaml's `reason` at file line `line` of `lines` (the file's lines). The common cases:
 * `title: WSGI: an introduction` (a second `: ` reads as a nested key), a value starting with a character
 * YAML reserves (`` ` ``, `@`, `%`) or with `[`/`{` (read as a list or map), text after a closing quote,
 * tabs, and a key given twice.
 */
export function yamlHint(reason: string, line: number, lines: readonly string[]): YamlHint {
  if (/duplicated mapping key/.test(reason)) {
    const key = /^([^:\s]+):/.exec(lines[line - 1] ?? '')?.[1];
    return { line, hint: `${key ? `\`${key}\`` : 'This field'} is given twice in the front matter: keep one.` };
  }
  if (/tab characters/.test(reason)) return { line, hint: 'Indent the front matter with spaces: YAML does not allow tabs there.' };
  // js-yaml may notice the mistake on the line after it (a value that spills over), so look there too.
  for (const at of [line, line - 1]) {
    const hint = valueHint(lines[at - 1] ?? '');
    if (hint) return { line: at, column: hint.column, hint: hint.text };
  }
  return { line, hint: GENERIC };
}

function valueHint(text: string): { column: number; text: string } | undefined {
  const match = FIELD.exec(text.trimEnd());
  if (!match) return undefined;
  const [, key, value] = match as unknown as [string, string, string];
  const column = text.indexOf(value) + 1;
  const quoted = example(`${key}: ${quote(value.replace(/\s+#.*$/, ''))}`);
  const what = key === 'title' ? 'the title' : 'the value';
  if (/^["']/.test(value)) {
    if (!QUOTED_THEN_TEXT.test(value)) return undefined;
    return { column, text: `The quotes must enclose ${what} as a whole, e.g. ${quoted}.` };
  }
  if (/^[|>]/.test(value)) return undefined; // a block scalar
  if (/^[[{]/.test(value)) {
    const [open, close, kind] = value[0] === '[' ? ['[', ']', 'list'] : ['{', '}', 'map'];
    // `tags: [Tech` is a list left open; `title: [Draft] Notes` is text that happens to start like one.
    if (!value.includes(close)) return { column, text: `This ${kind} is never closed: end it with \`${close}\`, e.g. ${example(`${key}: ${value.trimEnd()}${close}`)}.` };
    return { column, text: `A value that starts with \`${open}\` is read as a ${kind}: put ${what} in quotes, e.g. ${quoted}.` };
  }
  const colon = value.search(/:(\s|$)/);
  if (colon !== -1) {
    return { column: column + colon, text: `YAML reads the \`: \` in ${what} as the start of another field: put ${what} in quotes, e.g. ${quoted}.` };
  }
  if (/^[`@%!&*]/.test(value)) {
    const start = value[0] === '`' ? 'a backquote' : `\`${value[0]}\``;
    return { column, text: `YAML does not allow ${start} at the start of a plain value: put ${what} in quotes, e.g. ${quoted}.` };
  }
  return undefined;
}

// An example line in backquotes, unless it has some itself (then backquotes would only confuse).
function example(line: string): string {
  return line.includes('`') ? line : `\`${line}\``;
}

// Double quotes, unless the text has some: then single quotes, which YAML escapes by doubling.
function quote(text: string): string {
  return text.includes('"') ? `'${text.replace(/'/g, "''")}'` : `"${text.replace(/\\/g, '\\\\')}"`;
}
