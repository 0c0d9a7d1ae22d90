// The one error family of proofpress: every user-facing failure carries where it happened and what to do.

/** Where and why a user-facing failure happened; printed by report/format-error without a stack trace. */
export interface ErrorDetails {
  /** Path of the file at fault, relative to the project root when possible. */
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** 1-based column in `line`, when known: the code frame points at it. */
  column?: number;
  /** The example at fault, e.g. `simpletest.py (run=http)`. */
  example?: string;
  /** What the user should do next. */
  hint?: string;
  /** Extra lines printed verbatim after the message (a diff, a log tail). */
  details?: string[];
  cause?: unknown;
}

/** Base class of every error proofpress shows to a user. */
export class ProofpressError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly example?: string;
  readonly hint?: string;
  readonly details: string[];

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.example = details.example;
    this.hint = details.hint;
    this.details = details.details ?? [];
  }

  /** `file:line`, or just `file`, or undefined. */
  get location(): string | undefined {
    if (this.file === undefined) return undefined;
    return this.line === undefined ? this.file : `${this.file}:${this.line}`;
  }
}

/** Invalid proofpress configuration (config file or CLI flags). */
export class ConfigError extends ProofpressError {}
/** A post's front matter cannot be read or fails the schema. */
export class FrontMatterError extends ProofpressError {}
/** A fenced block's attributes are unknown or contradict each other. */
export class ExampleSpecError extends ProofpressError {}
/** The machine lacks something needed to run examples (Python, a package, nginx). */
export class RunnerError extends ProofpressError {}
/** One or more examples ran and did not produce what the post says. */
export class ExampleFailedError extends ProofpressError {}
/** The build's summary of failed examples; `failures` holds one located error per example. */
export class ExamplesFailedError extends ProofpressError {
  constructor(
    message: string,
    readonly failures: ExampleFailedError[],
    details: ErrorDetails = {},
  ) {
    super(message, details);
  }
}
/** The verification cache cannot be used (its signing key is unreadable or cannot be created). */
export class CacheError extends ProofpressError {}
/** The rendered site contains a broken internal link or similar. */
export class RenderError extends ProofpressError {}
/** A theme piece (the blog's theme/ folder, a theme package) is missing, does not fit the theme contract, or failed. */
export class ThemeError extends ProofpressError {}
/** The site could not be written to disk. */
export class SiteWriteError extends ProofpressError {}
/** The build lock of a project folder could not be taken: another build held it too long, or the folder is not writable. */
export class BuildLockError extends ProofpressError {}
/** `init` or `new` would overwrite a file of the blog, or cannot write it. */
export class ScaffoldError extends ProofpressError {}
/** A post's Markdown is malformed in a way markdown-it forgives silently (a code fence that is never closed). */
export class MarkdownError extends ProofpressError {}
/** An image or file a post or page refers to is missing or lies outside its folder, or a published file collides with another. */
export class SiteFileError extends ProofpressError {}
/** Every error found in the posts before any example ran; `errors` holds each located error, in file and line order. */
export class InvalidPostsError extends ProofpressError {
  constructor(
    message: string,
    readonly errors: ProofpressError[],
    details: ErrorDetails = {},
  ) {
    super(message, details);
  }
}

/** The located errors an aggregate error carries (failed examples, invalid posts), each printed on its own; [] for others. */
export function innerErrors(error: unknown): ProofpressError[] {
  if (error instanceof ExamplesFailedError) return error.failures;
  if (error instanceof InvalidPostsError) return error.errors;
  return [];
}
