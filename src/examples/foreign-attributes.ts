// Stage 3a: info strings written for other engines (mkdocs-material, Hugo, Docusaurus, VitePress, Pandoc, Zola), read
// into what proofpress can honour (file name, highlighted lines, line numbers) or into warnings; a misspelled proofpress attribute stays an error.
import { ExampleSpecError } from '../errors.ts';
import { didYouMean } from '../util/did-you-mean.ts';

/** Where an info string came from, for errors. */
export interface InfoLocation {
  file: string;
  line: number;
}

/** How a block is shown: fence-info's BlockDisplay, spelled out here because fence-info imports this module. */
export interface ForeignDisplay {
  highlight: number[];
  lineNumbersFrom?: number;
}

/** An info string once other engines' syntax is taken out of it. */
export interface ForeignReading {
  /** The fence language wherever the engine puts it (`js{4}`, `ts:line-numbers`, `rust,linenos`, `{.python}`); '' when none. */
  lang: string;
  /** proofpress's own words (`run=script`, `support`), quotes kept, for fence-info to validate; a usable title arrives as `file=NAME`. */
  words: string[];
  display: ForeignDisplay;
  /** One sentence per attribute that was read but not acted on. */
  warnings: string[];
}

interface Reading {
  known: readonly string[];
  where: InfoLocation;
  lang: string;
  words: string[];
  warnings: string[];
  highlight: Set<number>;
  numbered: boolean;
  start?: { line: number; item: string };
  title?: { file: string; item: string };
  seen: Set<string>;
  /** Zola writes `hl_lines=1 3-5`: bare ranges after hl_lines= (or hide_lines=) belong to it. */
  moreRanges?: (range: string) => void;
  /** `rust,linenos,…`: Zola's comma-separated annotations. */
  zola: boolean;
}

type Meaning = { engine: string; read?: (reading: Reading, value: string | undefined, item: string) => void };

// The same rule as fence-info's file=: the name is written into the sandbox, so it has no folders and no leading dot.
const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const RANGE = /^[1-9]\d{0,5}(?:-[1-9]\d{0,5})?$/;
// Far more lines than any example has; a larger range is a typo that would cost memory for nothing.
const MAX_RANGE = 10_000;

// Keys are lower-case: Hugo's are case-insensitive (lineNoStart = linenostart), and no engine gives case a meaning here.
const MEANINGS = new Map<string, Meaning>([
  // mkdocs-material (pymdownx.highlight), Docusaurus, Zola: a name shown above the block
  ['title', { engine: 'mkdocs-material/Docusaurus', read: setTitle }],
  ['name', { engine: 'Zola', read: setTitle }],
  // highlighted lines: `hl_lines="2 3"`, `hl_lines=[8,"15-17"]`, `hl_lines=1 3-5`
  ['hl_lines', { engine: 'mkdocs-material/Hugo/Zola', read: readHighlight }],
  ['hide_lines', { engine: 'Zola', read: hideLines }],
  // line numbers, and where they start
  ['linenums', { engine: 'mkdocs-material', read: readLinenums }],
  ['linenos', { engine: 'Hugo/Zola', read: readLinenos }],
  ['linenostart', { engine: 'Hugo/Zola', read: setStart }],
  ['startfrom', { engine: 'Pandoc', read: setStart }],
  ['showlinenumbers', { engine: 'Docusaurus', read: (r, value, item) => (value === undefined ? void (r.numbered = true) : setStart(r, value, item)) }],
  // read by their engines, nothing to do here
  ...ignored('Hugo', ['style', 'anchorlinenos', 'lineanchors', 'linenumbersintable', 'noclasses', 'hl_inline', 'tabwidth', 'guesssyntax', 'wrapperclass', 'codefences']),
  ...ignored('Zola', ['copy']),
  ...ignored('Docusaurus', ['live', 'noinline']),
  ...ignored('VitePress', ['active']),
]);

function ignored(engine: string, keys: string[]): [string, Meaning][] {
  return keys.map((key) => [key, { engine }]);
}

/** Read `words` (fence-info's tokens of one info string); `known` are proofpress's attribute names, passed through as words. */
export function readForeignAttributes(words: readonly string[], options: { known: readonly string[]; where: InfoLocation }): ForeignReading {
  const reading: Reading = { ...options, lang: '', words: [], warnings: [], highlight: new Set(), numbered: false, seen: new Set(), zola: false };
  const info = words.join(' ');
  const [first, ...rest] = splitTopLevel(info, /\s/, reading);
  const items = first === undefined ? rest : [...readFirst(reading, first), ...rest];
  for (const item of items) readItem(reading, item);
  return finish(reading);
}

/** Each warning of `examples` as a located error, for the build to print; they do not stop it. */
export function specWarnings(examples: readonly { source: string; line: number; label: string; spec: { warnings: readonly string[] } }[]): ExampleSpecError[] {
  return examples.flatMap((example) =>
    example.spec.warnings.map((warning) => new ExampleSpecError(warning, { file: example.source, line: example.line, example: example.label })),
  );
}

// The first word carries the language, and some engines attach more to it: `js{4}` and `ts:line-numbers=2` (VitePress),
// `rust,linenos,hl_lines=1` (Zola). A first word with `=` before any of those is an attribute, not a language.
function readFirst(reading: Reading, first: string): string[] {
  if (first.startsWith('{')) return [first]; // `{.python .numberLines}`: the language is the first class
  const brace = first.indexOf('{');
  const attached = brace > 0 && !first.slice(0, brace).includes('=');
  const head = attached ? first.slice(0, brace) : first;
  const tail = attached ? [first.slice(brace)] : [];
  if (comesFirst(head, ',')) {
    const [lang = '', ...annotations] = splitTopLevel(head, /,/, reading);
    reading.zola = true;
    return [...readLanguage(reading, lang), ...annotations, ...tail];
  }
  return [...readLanguage(reading, head), ...tail];
}

function readLanguage(reading: Reading, head: string): string[] {
  if (comesFirst(head, ':')) {
    const colon = head.indexOf(':');
    reading.lang = head.slice(0, colon);
    readVitePressSuffix(reading, head.slice(colon + 1));
    return [];
  }
  if (head.includes('=')) return [head];
  reading.lang = head;
  return [];
}

function readVitePressSuffix(reading: Reading, suffix: string): void {
  const match = /^line-numbers(?:=(.*))?$/.exec(suffix);
  if (match) {
    // VitePress reads an empty `:line-numbers=` as 1.
    if (!match[1]) reading.numbered = true;
    else setStart(reading, match[1], `:${suffix}`);
  } else if (suffix === 'no-line-numbers') {
    reading.warnings.push('`:no-line-numbers` (VitePress): proofpress numbers the lines of every code block; ignored');
  } else {
    reading.warnings.push(`\`:${suffix}\` after the language is not something proofpress knows; ignored`);
  }
}

function readItem(reading: Reading, item: string): void {
  if (reading.zola && comesFirst(item, ',')) {
    for (const part of splitTopLevel(item, /,/, reading)) readItem(reading, part); // `hl_lines=1 3,linenostart=5`
    return;
  }
  const moreRanges = reading.moreRanges;
  reading.moreRanges = undefined;
  if (moreRanges && RANGE.test(item)) {
    moreRanges(item);
    reading.moreRanges = moreRanges;
  } else if (item.startsWith('{') && item.endsWith('}')) {
    readBraces(reading, item.slice(1, -1));
  } else if (item.startsWith('[') && item.endsWith(']')) {
    setTitle(reading, item.slice(1, -1), item); // VitePress code groups: ```js [config.js]
  } else {
    readAttribute(reading, item);
  }
}

// `{1,4-6}` (Docusaurus, VitePress) lists highlighted lines; anything else is an attribute list: Pandoc/attr_list
// `{#id .python .numberLines startFrom="10"}` or Hugo `{linenos=table,hl_lines=[8,"15-17"]}` (spaces or commas).
function readBraces(reading: Reading, content: string): void {
  if (content.trim() === '') return;
  if (/^[\d\s,-]+$/.test(content)) return void addLines(reading, content, `{${content}}`);
  for (const item of splitTopLevel(content, /[\s,]/, reading)) {
    if (item.startsWith('.')) readClass(reading, item.slice(1));
    else if (item.startsWith('#')) reading.warnings.push(`\`${item}\` (an element id) is not used by proofpress; ignored`);
    else readItem(reading, item);
  }
}

function readClass(reading: Reading, name: string): void {
  if (name === 'numberLines' || name === 'number-lines') {
    reading.numbered = true;
  } else if (reading.lang === '' && name !== '') {
    reading.lang = name.replace(/^language-/, ''); // Pandoc and attr_list: the first class names the language
  } else {
    reading.warnings.push(`\`.${name}\` is a class proofpress does not use; ignored`);
  }
}

function readAttribute(reading: Reading, item: string): void {
  const eq = item.indexOf('=');
  const key = eq === -1 ? item : item.slice(0, eq);
  const value = eq === -1 ? undefined : unquote(item.slice(eq + 1));
  if (reading.known.includes(key)) return void reading.words.push(item);
  const meaning = MEANINGS.get(key.toLowerCase());
  if (meaning) {
    if (value !== undefined && reading.seen.has(key.toLowerCase())) {
      throw new ExampleSpecError(`Attribute \`${key}\` is given twice`, { ...reading.where, hint: 'Keep one of them.' });
    }
    reading.seen.add(key.toLowerCase());
    if (meaning.read) return meaning.read(reading, value, item);
    return void reading.warnings.push(`\`${item}\` is a ${meaning.engine} attribute proofpress does not use; ignored`);
  }
  // A misspelled check that silently checks nothing would publish an unverified example as verified.
  const near = didYouMean(key, reading.known);
  if (near !== undefined) {
    throw new ExampleSpecError(`Unknown code block attribute \`${key}\``, {
      ...reading.where,
      hint: `Did you mean \`${near}${eq === -1 ? '' : '='}\`? Known attributes: ${reading.known.join(', ')}.`,
    });
  }
  reading.warnings.push(`\`${item}\` is not an attribute proofpress knows; ignored`);
}

function setTitle(reading: Reading, value: string | undefined, item: string): void {
  const title = (value ?? '').trim();
  if (title === '') return void reading.warnings.push(`\`${item}\` gives no title; ignored`);
  const base = title.split(/[\\/]/).at(-1) ?? '';
  if (!FILE_NAME.test(title) && !FILE_NAME.test(base)) {
    return void reading.warnings.push(`\`${item}\` is not a file name, and proofpress titles a block with its file name; ignored`);
  }
  if (reading.title) {
    throw new ExampleSpecError(`\`${reading.title.item}\` and \`${item}\` both name the block`, { ...reading.where, hint: 'Keep one of them.' });
  }
  reading.title = { file: FILE_NAME.test(title) ? title : base, item };
  if (!FILE_NAME.test(title)) {
    reading.warnings.push(`\`${item}\`: the block is named ${base}, without its folders (proofpress saves and runs it under a plain file name)`);
  }
}

function readHighlight(reading: Reading, value: string | undefined, item: string): void {
  addLines(reading, value ?? '', item);
  reading.moreRanges = (range) => addLines(reading, range, range);
}

function hideLines(reading: Reading, _value: string | undefined, item: string): void {
  reading.warnings.push(`\`${item}\` (Zola) would hide lines that run: proofpress shows every line of an example; ignored`);
  reading.moreRanges = () => {};
}

// mkdocs-material: `linenums="START [STEP [SPECIAL]]"` (pymdownx.highlight); Python-Markdown's codehilite also takes true/false.
function readLinenums(reading: Reading, value: string | undefined, item: string): void {
  const numbers = (value ?? '').trim().split(/\s+/);
  if (value === undefined || /^true$/i.test(value)) reading.numbered = true;
  else if (/^false$/i.test(value)) reading.warnings.push(`\`${item}\`: proofpress numbers the lines of every code block; ignored`);
  else setStart(reading, numbers[0]!, item);
  if (numbers.length > 1) reading.warnings.push(`\`${item}\`: proofpress numbers every line; ${numbers.slice(1).join(' ')} ignored`);
}

// Hugo: `linenos=true|false|inline|table`; Zola: a bare `linenos`.
function readLinenos(reading: Reading, value: string | undefined, item: string): void {
  if (value === undefined || /^(true|inline|table)$/i.test(value)) reading.numbered = true;
  else if (/^false$/i.test(value)) reading.warnings.push(`\`${item}\`: proofpress numbers the lines of every code block; ignored`);
  else reading.warnings.push(`\`${item}\` is not true, false, inline or table; ignored`);
}

function setStart(reading: Reading, value: string | undefined, item: string): void {
  if (value === undefined || !/^\d{1,9}$/.test(value.trim())) return void reading.warnings.push(`\`${item}\` is not a line number; ignored`);
  const line = Number(value.trim());
  if (reading.start && reading.start.line !== line) {
    throw new ExampleSpecError(`Line numbers start at ${reading.start.line} (\`${reading.start.item}\`) and at ${line} (\`${item}\`)`, {
      ...reading.where,
      hint: 'Keep one of them.',
    });
  }
  reading.start = { line, item };
  reading.numbered = true;
}

// `2 3`, `1-3 5`, `[8,"15-17"]`, `1,4-6`: numbers and ranges, whatever the separators and brackets.
function addLines(reading: Reading, text: string, item: string): void {
  const parts = text.replace(/[[\]"']/g, ' ').split(/[\s,]+/).filter(Boolean);
  const ranges = parts.map((part) => part.split('-').map(Number) as [number, number?]);
  const bad = parts.length === 0 || parts.some((part) => !RANGE.test(part)) || ranges.some(([a, b = a]) => Math.abs(b - a) > MAX_RANGE);
  if (bad) return void reading.warnings.push(`\`${item}\` does not name lines (write e.g. hl_lines="2 4-6"); ignored`);
  for (const [a, b = a] of ranges) {
    for (let line = Math.min(a, b); line <= Math.max(a, b); line++) reading.highlight.add(line);
  }
}

function finish(reading: Reading): ForeignReading {
  const words = [...reading.words];
  if (reading.title) {
    const fileWord = words.find((word) => word === 'file' || word.startsWith('file='));
    if (fileWord !== undefined) {
      throw new ExampleSpecError(`\`${reading.title.item}\` and \`${fileWord}\` both name the block`, {
        ...reading.where,
        hint: 'Keep file= (or the title, which proofpress reads as file=).',
      });
    }
    words.push(`file=${reading.title.file}`);
  }
  const lineNumbersFrom = reading.start?.line ?? (reading.numbered ? 1 : undefined);
  const highlight = [...reading.highlight].sort((a, b) => a - b);
  return { lang: reading.lang, words, display: lineNumbersFrom === undefined ? { highlight } : { highlight, lineNumbersFrom }, warnings: reading.warnings };
}

// `sep` appears, and before any `=` (so `with=a.py,b.py` keeps its comma and `expect=a:b` its colon).
function comesFirst(text: string, sep: string): boolean {
  const at = text.indexOf(sep);
  const eq = text.indexOf('=');
  return at !== -1 && (eq === -1 || at < eq);
}

const CLOSING: Record<string, string> = { '{': '}', '[': ']' };

/** Split at `separator` characters outside quotes, {…} and […]; an unclosed bracket is an error, like an unclosed quote. */
function splitTopLevel(text: string, separator: RegExp, reading: Reading): string[] {
  const items: string[] = [];
  const open: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote !== undefined) {
      current += ch === '\\' ? ch + (text[++i] ?? '') : ch;
      if (ch === quote) quote = undefined;
    } else if (open.length === 0 && separator.test(ch)) {
      if (current !== '') items.push(current);
      current = '';
    } else {
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch in CLOSING) open.push(CLOSING[ch]!);
      else if (ch === open.at(-1)) open.pop();
      current += ch;
    }
  }
  if (open.length > 0) {
    throw new ExampleSpecError(`Unclosed \`${open.at(-1) === '}' ? '{' : '['}\` in the code block's attributes: ${text}`, {
      ...reading.where,
      hint: `Close it with \`${open.at(-1)}\`, e.g. {hl_lines=[2,"4-6"]}.`,
    });
  }
  if (current !== '') items.push(current);
  return items;
}

function unquote(value: string): string {
  return value.replace(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g, (_m, dq?: string, sq?: string) => (dq ?? sq ?? '').replace(/\\(.)/g, '$1'));
}
