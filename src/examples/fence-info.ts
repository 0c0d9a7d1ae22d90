// Stage 3a: parse a fenced block's info string (`python file=a.py run=http expect="…"`) into a validated ExampleSpec.
import { limitsSchema, pythonVersionSchema, type ResourceLimits } from '../config/schema.ts';
import { ExampleSpecError } from '../errors.ts';
import { didYouMean } from '../util/did-you-mean.ts';

import { LANGUAGES, RUN_KINDS, type RunKind, runKindInfo } from './catalogue.ts';
import { readForeignAttributes } from './foreign-attributes.ts';

export type { RunKind } from './catalogue.ts';

/** What a fenced block declares about itself. */
export interface ExampleSpec {
  /** The fence language (`python`, `console` …), empty when absent. */
  lang: string;
  /** Name the code is saved under and shown as its title. */
  file?: string;
  run: RunKind;
  /** WSGI callable to host (run=wsgi). */
  app?: string;
  /** Text the HTTP body or stdout must contain. */
  expect?: string;
  /** Expected HTTP status. @default 200 */
  status: number;
  /** Request path. @default "/" */
  path: string;
  /** Names of other blocks of the same post placed beside this one when it runs. */
  with: string[];
  /** Per-example timeout in milliseconds, overriding the config's. */
  timeoutMs?: number;
  /** Resource limits of this block's sandbox (`limits="memoryMiB=1024 cpuSeconds=60"`), over the post's. */
  limits?: Partial<ResourceLimits>;
  /**
   * The Python this block runs on (`python=2.7`), over the post's `python:`. Once the build has applied the
   * post's choice (examples/python-choice.ts), the version prefix the example runs on; undefined: the default.
   */
  python?: string;
  /** Shown in a collapsed "support file" panel rather than in the prose. */
  support: boolean;
  /** Blocks of one post with the same `session=NAME` grow one program (or one terminal): each runs after those before it. */
  session?: string;
  /** Expected exit code of a run=script or run=doctest example (`exit=1`); undefined: not written, 0 is expected. */
  exitCode?: number;
  /** How the block is shown, from attributes other engines use (`title=`, `hl_lines=`, `linenos`). */
  display: BlockDisplay;
  /** Attributes proofpress read but does not act on, in words (each printed as a warning with file:line). */
  warnings: string[];
  /** Whether the info string carried any attribute at all (plain ```python blocks are not examples). */
  annotated: boolean;
}

/** How a block is shown, beyond its code. */
export interface BlockDisplay {
  /** 1-based lines to highlight (`hl_lines="2 3"`, `{hl_lines=[2,"4-6"]}`). */
  highlight: number[];
  /** Show line numbers, starting at this number (`linenos`, `linenums="1"`); undefined: none. */
  lineNumbersFrom?: number;
}

/** Where a spec came from, for error messages. */
export interface SpecLocation {
  file: string;
  line: number;
}

const KNOWN = ['file', 'run', 'app', 'expect', 'status', 'path', 'with', 'timeout', 'limits', 'support', 'session', 'exit', 'python'] as const;
type Known = (typeof KNOWN)[number];
const FLAGS: ReadonlySet<string> = new Set(['support']);

/** Split an info string into words, honouring "double" and 'single' quotes with backslash escapes. */
export function tokenizeInfo(info: string, where: SpecLocation): string[] {
  const words: string[] = [];
  const pattern = /\s*((?:[^\s"']+|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')+)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(info)) !== null) {
    words.push(match[1]!);
    consumed = pattern.lastIndex;
  }
  if (info.slice(consumed).trim() !== '') {
    throw new ExampleSpecError(`Unterminated quote in the code block's attributes: ${info.trim()}`, {
      ...where,
      hint: 'Close the quote, e.g. expect="My Own Hello World!".',
    });
  }
  return words;
}

function unquote(value: string): string {
  return value.replace(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g, (_m, dq?: string, sq?: string) =>
    (dq ?? sq ?? '').replace(/\\(.)/g, '$1'),
  );
}

/** Parse `timeout=` values: `10s`, `500ms` or a bare number of seconds. */
export function parseDuration(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  return Math.round(match[2] === 'ms' ? amount : amount * 1000);
}

/**
 * Parse and validate a fence info string. Other engines' attributes (`title=`, `hl_lines=`, `{linenos=table}`) become
 * a file name, display settings or warnings (foreign-attributes.ts); a misspelled proofpress attribute and impossible
 * combinations throw ExampleSpecError.
 */
export function parseFenceInfo(info: string, where: SpecLocation): ExampleSpec {
  const { lang, words, display, warnings } = readForeignAttributes(tokenizeInfo(info, where), { known: KNOWN, where });
  const attrs = new Map<Known, string>();
  for (const word of words) {
    const eq = word.indexOf('=');
    const key = eq === -1 ? word : word.slice(0, eq);
    if (attrs.has(key as Known)) {
      throw new ExampleSpecError(`Attribute \`${key}\` is given twice`, { ...where, hint: 'Keep one of them.' });
    }
    if (eq === -1 && !FLAGS.has(key)) {
      throw new ExampleSpecError(`Attribute \`${key}\` needs a value`, { ...where, hint: `Write ${key}=VALUE.` });
    }
    if (eq !== -1 && FLAGS.has(key)) {
      throw new ExampleSpecError(`Attribute \`${key}\` is a flag and takes no value`, { ...where, hint: `Write just \`${key}\`.` });
    }
    attrs.set(key as Known, eq === -1 ? '' : unquote(word.slice(eq + 1)));
  }
  return { ...validateSpec(lang, attrs, where), display, warnings };
}

function validateSpec(lang: string, attrs: Map<Known, string>, where: SpecLocation): ExampleSpec {
  const fail = (message: string, hint: string): never => {
    throw new ExampleSpecError(message, { ...where, hint });
  };
  const runText = attrs.get('run') ?? 'none';
  if (!(RUN_KINDS as readonly string[]).includes(runText)) {
    const near = didYouMean(runText, RUN_KINDS);
    fail(`Unknown run kind \`run=${runText}\``, `${near ? `Did you mean \`run=${near}\`? ` : ''}Use one of: ${RUN_KINDS.join(', ')}.`);
  }
  const run = runText as RunKind;
  const kind = runKindInfo(run);
  const has = (key: Known) => attrs.has(key);
  if (kind.languages.length > 0 && !kind.languages.includes(lang.toLowerCase())) {
    const named = Object.values(LANGUAGES).filter((fences) => fences.some((fence) => kind.languages.includes(fence)));
    fail(`A \`${lang || 'plain'}\` block cannot run=${run}`, `run=${run} takes ${named.map((fences) => `\`\`\`${fences[0]}`).join(', ')} blocks (or another name of their language); or use run=none.`);
  }
  if (run === 'none') {
    for (const key of ['expect', 'status', 'path', 'with', 'timeout', 'limits', 'app', 'session', 'exit', 'python'] as const) {
      if (has(key)) fail(`\`${key}=\` has no effect on a block that does not run`, `Add run=${RUN_KINDS.filter((kind) => kind !== 'none').join('|')}, or remove it.`);
    }
  }
  if (run === 'wsgi' && !has('app')) fail('run=wsgi needs `app=NAME`, the WSGI callable to host', 'Add e.g. app=application.');
  if (run !== 'wsgi' && has('app')) fail(`\`app=\` only applies to run=wsgi (this block is run=${run})`, 'Remove app= or use run=wsgi.');
  if (!kind.http && (has('status') || has('path'))) {
    fail(`\`status=\` and \`path=\` apply to HTTP examples, not run=${run}`, 'Remove them, or use run=http.');
  }
  if (run === 'fastcgi' && !has('file')) fail('run=fastcgi needs `file=NAME` (the script the web server launches)', 'Add e.g. file=server.fcgi.');
  const status = has('status') ? (/^\d{3}$/.test(attrs.get('status')!) ? Number(attrs.get('status')) : Number.NaN) : 200;
  if (!Number.isInteger(status) || status < 100 || status > 599) fail(`\`status=${attrs.get('status')}\` is not an HTTP status`, 'Use a number from 100 to 599.');
  const requestPath = attrs.get('path') ?? '/';
  if (!requestPath.startsWith('/')) fail(`\`path=${requestPath}\` must start with /`, 'Write e.g. path=/hello.');
  const timeoutMs = has('timeout') ? parseDuration(attrs.get('timeout')!) : undefined;
  if (has('timeout') && (timeoutMs === undefined || timeoutMs <= 0)) fail(`\`timeout=${attrs.get('timeout')}\` is not a duration`, 'Write e.g. timeout=10s or timeout=500ms.');
  const exitCode = has('exit') ? (/^\d{1,3}$/.test(attrs.get('exit')!) ? Number(attrs.get('exit')) : Number.NaN) : undefined;
  if (exitCode !== undefined && !(exitCode >= 0 && exitCode <= 255)) fail(`\`exit=${attrs.get('exit')}\` is not an exit code`, 'Use a number from 0 to 255.');
  if (has('exit') && run !== 'script' && run !== 'doctest') {
    fail(`\`exit=\` applies to run=script and run=doctest (this block is run=${run})`, run === 'console' ? 'In a console session, write the exit code as a line `[1]` after the command\'s output.' : 'Remove it.');
  }
  const python = attrs.get('python');
  if (python !== undefined && !pythonVersionSchema.safeParse(python).success) fail(`\`python=${python}\` is not a Python version`, 'Write a version prefix, e.g. python=2.7, python=3.12 or python=3.');
  const session = attrs.get('session');
  if (session !== undefined && !/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(session)) fail(`\`session=${session}\` is not a plain name`, 'Use a name like session=app.');
  const file = attrs.get('file');
  if (file !== undefined && !/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(file)) {
    fail(`\`file=${file}\` is not a plain file name`, 'Use a name like simpletest.py, without folders.');
  }
  const withFiles = (attrs.get('with') ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  if (file !== undefined && withFiles.includes(file)) fail(`\`with=\` names the block's own file ${file}`, 'List only other blocks.');
  return {
    lang,
    file,
    run,
    app: attrs.get('app'),
    expect: attrs.get('expect'),
    status,
    path: requestPath,
    with: withFiles,
    timeoutMs,
    limits: has('limits') ? parseLimits(attrs.get('limits')!, where) : undefined,
    python,
    support: has('support'),
    session,
    exitCode,
    display: { highlight: [] },
    warnings: [],
    annotated: attrs.size > 0,
  };
}

/** Parse `limits="memoryMiB=1024 cpuSeconds=60"` (space- or comma-separated) against the limits schema. */
export function parseLimits(value: string, where: SpecLocation): Partial<ResourceLimits> {
  const entries = value.split(/[\s,]+/).filter(Boolean).map((pair) => pair.split('='));
  const parsed = limitsSchema.partial().safeParse(Object.fromEntries(entries.map(([key, amount]) => [key, Number(amount)])));
  if (!parsed.success || entries.some((pair) => pair.length !== 2)) {
    const issue = parsed.success ? undefined : parsed.error.issues[0];
    throw new ExampleSpecError(`\`limits="${value}"\` is not a list of limits${issue ? `: \`${issue.path.join('.')}\` ${issue.message}` : ''}`, {
      ...where,
      hint: `Write e.g. limits="memoryMiB=1024 cpuSeconds=60"; known limits: ${Object.keys(limitsSchema.shape).join(', ')}.`,
    });
  }
  return parsed.data;
}

/** Whether a run kind answers over HTTP (so status/path/headers apply). */
export function isHttpKind(run: RunKind): boolean {
  return runKindInfo(run).http;
}
