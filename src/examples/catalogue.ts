// The catalogue of run kinds: what each `run=` means, which languages it takes, whether it answers over HTTP.
// A new kind is one row here plus one runner file; runners/registry.ts is typed so that a kind without a runner does not compile.

/** What the catalogue says about one run kind. */
export interface RunKindInfo {
  /** One line for error hints and documentation. */
  summary: string;
  /** Fence languages (lower-case) a block of this kind may be written in; empty: any, for kinds that run nothing. */
  languages: readonly string[];
  /** The example answers over HTTP, so `status=` and `path=` apply. */
  http: boolean;
}

/** The languages a program example may be written in, each with the fence words that name it (lower-case). */
export const LANGUAGES = {
  python: ['python', 'py', 'python3'],
  javascript: ['javascript', 'js', 'node', 'mjs', 'cjs'],
  shell: ['sh', 'bash', 'shell'],
  go: ['go', 'golang'],
  perl: ['perl', 'pl'],
} as const satisfies Record<string, readonly string[]>;

/** A language of the catalogue: runners/languages.ts has one runner per language. */
export type Language = keyof typeof LANGUAGES;

/** The language a fence word names (`Python`, `js` …), or undefined. Case is ignored, as other engines do. */
export function languageOf(fence: string): Language | undefined {
  const word = fence.toLowerCase();
  return (Object.keys(LANGUAGES) as Language[]).find((language) => (LANGUAGES[language] as readonly string[]).includes(word));
}

const PYTHON = LANGUAGES.python;
const PROGRAMS = Object.values(LANGUAGES).flat();
/** Fence words of a terminal session (`$ ` commands and their output); GitHub's linguist calls them "Shell Session". */
export const CONSOLE_FENCES = ['console', 'shell-session', 'sh-session', 'shellsession', 'terminal'] as const;
/** Fence words of a Python interactive session (`>>> ` prompts), checked as a doctest. */
export const PYCON_FENCES = ['pycon', 'python-repl', 'pyrepl'] as const;

/** Every run kind, in the order the README lists them. */
export const RUN_KIND_CATALOGUE = {
  http: { summary: 'the example starts its own HTTP server; proofpress requests it', languages: PROGRAMS, http: true },
  wsgi: { summary: 'the example is a module with a WSGI callable (app=NAME), hosted with wsgiref', languages: PYTHON, http: true },
  fastcgi: { summary: 'the example is a FastCGI script launched as a web server does, behind nginx', languages: PYTHON, http: true },
  scgi: { summary: 'the example is an SCGI server (e.g. flup), started as written, behind nginx', languages: PYTHON, http: true },
  cgi: { summary: 'the example is a CGI script (its #! line names the interpreter), run per request by fcgiwrap behind nginx', languages: PROGRAMS, http: true },
  script: { summary: 'the example is a program; its stdout and exit code are checked', languages: PROGRAMS, http: false },
  console: { summary: 'a terminal session: each `$ ` command runs in order, its output is checked; a command that listens stays up as a server', languages: CONSOLE_FENCES, http: true },
  doctest: { summary: 'a Python interactive session (`>>> `): each statement runs, its shown result is checked (doctest)', languages: PYCON_FENCES, http: false },
  none: { summary: 'shown only', languages: [], http: false },
} as const satisfies Record<string, RunKindInfo>;

/** How an example is executed: a key of the catalogue. */
export type RunKind = keyof typeof RUN_KIND_CATALOGUE;

/** The kinds, for validation and hints. */
export const RUN_KINDS = Object.keys(RUN_KIND_CATALOGUE) as RunKind[];

/** The catalogue's row for `kind`. */
export function runKindInfo(kind: RunKind): RunKindInfo {
  return RUN_KIND_CATALOGUE[kind];
}
