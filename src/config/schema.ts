// The user-facing configuration: proofpress.config.json, validated by one schema with documented defaults.
import { bundledThemesInfo } from 'shiki/themes';
import { z } from 'zod';

/** The `site.baseUrl` of a config that sets none: fine for a local preview, wrong in a published feed. */
export const PLACEHOLDER_BASE_URL = 'http://localhost:8080/';

/** Site identity, used by page shells, feeds and canonical links. */
export const siteSchema = z.strictObject({
  /** @default "proofpress blog" */
  title: z.string().min(1).default('proofpress blog'),
  /**
   * Absolute URL the site is served at, used for canonical links, OpenGraph, feeds and the sitemap. It may
   * have a path (`https://user.github.io/blog/`, a GitHub project page): every root-relative URL of the
   * pages then carries it (`/blog/tags/tech/`), while site/ keeps its layout, to be deployed under that
   * path. A missing final `/` is added. Left at the default, the build warns (feeds would point at localhost).
   * @default "http://localhost:8080/"
   */
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .refine((url) => !/[?#]/.test(url), 'may not have a ?query or #fragment: it is the folder the site is served from')
    .transform((url) => new URL(url.endsWith('/') ? url : `${url}/`).href)
    .default(PLACEHOLDER_BASE_URL),
  /** @default "" */
  author: z.string().default(''),
  /** @default "" */
  description: z.string().default(''),
  /** BCP 47 language tag of the pages. @default "en" */
  language: z.string().default('en'),
  /** Posts listed on each page of the home page; more make `/page/2/` and so on. @default 10 */
  postsPerPage: z.number().int().min(1).max(1000).default(10),
  /**
   * URL of a post page, built from `:year`, `:month`, `:day` (of its date, UTC) and `:slug`. It must start
   * with `/`, contain `:slug`, and end with `/` (written as `…/index.html`) or `.html`.
   * @default "/:year/:month/:day/:slug/"
   */
  permalink: z
    .string()
    .regex(/^\/([a-z0-9_.-]+|:year|:month|:day|:slug|\/)*$/i, 'may only hold path segments and :year, :month, :day, :slug')
    .refine((pattern) => pattern.includes(':slug'), 'must contain :slug so that every post gets its own URL')
    .refine((pattern) => pattern.endsWith('/') || pattern.endsWith('.html'), 'must end with / or .html')
    .default('/:year/:month/:day/:slug/'),
  /**
   * The header's links, in order, replacing the built-in Posts, Tags, Verification and Feed:
   * `[{ "text": "About", "href": "/about/" }]`.
   * @default the built-in links
   */
  nav: z.array(z.strictObject({ text: z.string().min(1), href: z.string().min(1) })).optional(),
  /** The footer's first line, in Markdown (`© 2025 Ada · [Mastodon](https://…)`), replacing the built-in credit. */
  footer: z.string().optional(),
  /**
   * Raw HTML added at the end of every page's `<head>` (an analytics snippet, a font link). It is trusted
   * owner input, inserted as written: nothing checks or escapes it.
   */
  head: z.string().optional(),
  /**
   * Full-text search: a Pagefind index written with the site (`/pagefind/`) and a search box in the header.
   * `false` leaves both out, and the build skips indexing (for a 1,000-post site about 3 s of CPU).
   * @default true
   */
  search: z.boolean().default(true),
});

/**
 * Resource limits of one example's processes. A breach stops the example and its failure says which limit
 * stopped it. Set defaults here; a post overrides them with `limits:` in its front matter, one block with
 * its `limits="memoryMiB=1024 cpuSeconds=60"` attribute.
 */
export const limitsSchema = z.strictObject({
  /** Writable memory of each process (RLIMIT_DATA), in MiB. @default 512 */
  memoryMiB: z.number().int().min(16).default(512),
  /** Processes in the sandbox at once (RLIMIT_NPROC, and counted by the sandbox's supervisor). @default 64 */
  processes: z.number().int().min(4).default(64),
  /** CPU time of each process (RLIMIT_CPU), in seconds. @default 30 */
  cpuSeconds: z.number().int().min(1).default(30),
  /** Largest file a process may write (RLIMIT_FSIZE), in MiB. @default 64 */
  fileSizeMiB: z.number().int().min(1).default(64),
  /** Size of each writable folder in the sandbox (/example, /tmp, the home, /dev/shm: private tmpfs), in MiB. @default 128 */
  diskMiB: z.number().int().min(1).default(128),
  /** Open files of each process (RLIMIT_NOFILE). @default 256 */
  openFiles: z.number().int().min(16).default(256),
  /** Everything the example prints (stdout and stderr together), in KiB; past it the example is stopped. @default 1024 */
  outputKiB: z.number().int().min(1).default(1024),
});

/**
 * A Python version prefix as posts, blocks and the config write it: `"2.7"`, `"3.12"`, `"3"`, or a whole
 * version (`"2.7.18"`). "3.1" means 3.1.x, never 3.12.
 */
export const pythonVersionSchema = z.string().regex(/^\d+(\.\d+){0,2}$/, 'must be a Python version such as "2.7", "3.12" or "3" (in quotes: YAML reads 3.10 as the number 3.1)');

/** How examples are isolated from the build and from each other. */
export const sandboxSchema = z.strictObject({
  /**
   * `auto`: Linux namespaces through bubblewrap when the machine allows them, otherwise the weaker process
   * layer with one warning; `strict`: namespaces or the build fails; `process`: always the process layer
   * (allow-listed environment, timeouts, process-group kill, the Python port shim).
   * @default "auto"
   */
  isolation: z.enum(['auto', 'strict', 'process']).default('auto'),
  limits: limitsSchema.default(limitsSchema.parse({})),
});

/** How posts' Markdown is read. */
export const markdownSchema = z.strictObject({
  /**
   * Render raw HTML written in posts (`<kbd>`, `<details>`, an `<iframe>`) as HTML. Off, it is shown as text,
   * escaped. Only the owner's Markdown is affected: code and what examples print are always escaped.
   * @default false
   */
  html: z.boolean().default(false),
});

// Any of shiki's bundled themes; only the default pair is checked for contrast (test/unit/render/highlight.test.ts).
const shikiThemeSchema = z.string().refine((name) => bundledThemesInfo.some((theme) => theme.id === name), {
  message: 'is not one of shiki\'s bundled themes (https://shiki.style/themes), such as "github-light-default" or "one-dark-pro"',
});

/** The two code colour schemes, picked by the reader's light or dark preference. */
export const highlightSchema = z.strictObject({
  /** @default "github-light-default" */
  light: shikiThemeSchema.default('github-light-default'),
  /** @default "github-dark-default" */
  dark: shikiThemeSchema.default('github-dark-default'),
});

/** Everything a project may set in proofpress.config.json; every field is optional. */
export const userConfigSchema = z.strictObject({
  /** Folder of posts, relative to the project root. @default "content" */
  contentDir: z.string().default('content'),
  /** Folder the runnable example snippets are written to. @default "snippets" */
  snippetsDir: z.string().default('snippets'),
  /** Folder the site is published to; replaced in one step after a successful build. @default "site" */
  outDir: z.string().default('site'),
  /** Folder of cached verifications (keyed by code, spec and runtime). @default ".proofpress-cache" */
  cacheDir: z.string().default('.proofpress-cache'),
  /** Project-local Python virtual environment holding the posts' requirements. @default ".venv" */
  venvDir: z.string().default('.venv'),
  /**
   * Folder of the Python environments proofpress makes for interpreters that posts and blocks choose
   * (`python: "2.7"`): one per interpreter, holding the requirements of the posts that use it.
   * @default ".proofpress-envs"
   */
  pythonEnvsDir: z.string().default('.proofpress-envs'),
  /**
   * Interpreters by version, for those proofpress would not find on PATH (`python2.7`) or in pyenv's
   * versions folder: `{ "2.7": "/opt/python2.7/bin/python" }`. Tried first; the path must be a Python of that version.
   * @default {}
   */
  pythons: z.record(pythonVersionSchema, z.string().min(1)).default({}),
  /**
   * What an example whose Python (`python: "2.7"`) is not installed does to the build: `warn` publishes it
   * as "not run" with how to install it and prints a warning; `error` fails the build (`--strict`).
   * @default "warn"
   */
  missingInterpreter: z.enum(['warn', 'error']).default('warn'),
  /**
   * How many examples run at once (`--concurrency` wins). An example is mostly an interpreter starting up,
   * which keeps a core busy: one per core uses the machine; set fewer to leave cores to other work.
   * @default the number of cores available to the build (os.availableParallelism(), at most 64)
   */
  concurrency: z.number().int().min(1).max(64).optional(),
  /** Timeout of one example in milliseconds, unless its `timeout=` says otherwise. @default 15000 */
  exampleTimeoutMs: z.number().int().min(100).default(15_000),
  /** What a failed example does to the build: `error` fails it, `warn` publishes the failure. @default "error" */
  onExampleFailure: z.enum(['error', 'warn']).default('error'),
  /** What a broken internal link (an href or src starting with `/` that no page answers) does: `error` fails the build, `warn` prints it. @default "error" */
  linkCheck: z.enum(['error', 'warn']).default('error'),
  /** Front end of run=fastcgi examples: `nginx`, proofpress's `embedded` FastCGI client, or `auto` (nginx when installed). @default "auto" */
  fastcgiFrontEnd: z.enum(['auto', 'nginx', 'embedded']).default('auto'),
  site: siteSchema.default(siteSchema.parse({})),
  sandbox: sandboxSchema.default(sandboxSchema.parse({})),
  markdown: markdownSchema.default(markdownSchema.parse({})),
  /**
   * A theme to use under the blog's own `theme/` folder: an npm package's name (installed in the project) or a
   * path to its folder. Each piece is looked up in `theme/`, then this theme, then the built-in one.
   */
  theme: z.string().min(1).optional(),
  /** Stylesheets, relative to the project root, added after the theme's (and after `theme/*.css`). @default [] */
  css: z.array(z.string().min(1)).default([]),
  highlight: highlightSchema.default(highlightSchema.parse({})),
});

export type UserConfig = z.input<typeof userConfigSchema>;
export type ParsedUserConfig = z.output<typeof userConfigSchema>;
export type SiteInfo = z.output<typeof siteSchema>;
export type ResourceLimits = z.output<typeof limitsSchema>;
export type IsolationChoice = z.output<typeof sandboxSchema>['isolation'];
export type MarkdownOptions = z.output<typeof markdownSchema>;
export type HighlightThemes = z.output<typeof highlightSchema>;
