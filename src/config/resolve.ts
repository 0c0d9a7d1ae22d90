// Turns proofpress.config.json plus CLI overrides into one frozen ResolvedConfig with absolute paths.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import path from 'node:path';
import stripJsonComments from 'strip-json-comments';
import { ConfigError } from '../errors.ts';
import { type HighlightThemes, type IsolationChoice, type MarkdownOptions, type ResourceLimits, sandboxSchema, type SiteInfo, userConfigSchema } from './schema.ts';

export const CONFIG_FILE = 'proofpress.config.json';

/** The configuration every stage receives as its first argument. */
export interface ResolvedConfig {
  readonly root: string;
  readonly contentDir: string;
  readonly snippetsDir: string;
  readonly outDir: string;
  readonly cacheDir: string;
  /** The secret that signs cache entries, outside the project (see src/verify/cache.ts). */
  readonly cacheKeyFile: string;
  readonly venvDir: string;
  /** Examples run at once: `--concurrency`, else the config's `concurrency`, else the cores available. */
  readonly concurrency: number;
  readonly exampleTimeoutMs: number;
  readonly onExampleFailure: 'error' | 'warn';
  readonly linkCheck: 'error' | 'warn';
  readonly fastcgiFrontEnd: 'auto' | 'nginx' | 'embedded';
  readonly site: Readonly<SiteInfo>;
  /** How examples are isolated (`--isolation` wins over the config). */
  readonly isolation: IsolationChoice;
  /** Default resource limits of every example. */
  readonly limits: Readonly<ResourceLimits>;
  /** Reuse cached verifications of unchanged examples. */
  readonly useCache: boolean;
  /** Include drafts and future-dated posts. */
  readonly drafts: boolean;
  /**
   * Interpreter chosen by the user (PROOFPRESS_PYTHON) for examples that choose none: used as is (no venv is
   * made from it); requirements it lacks are installed into a folder of `pythonEnvsDir`.
   */
  readonly pythonOverride?: string;
  /** Where the environments of chosen interpreters (`python: "2.7"`) are made. */
  readonly pythonEnvsDir: string;
  /** Interpreters named in the config, by version prefix (paths absolute; a bare name is looked up on PATH). */
  readonly pythons: Readonly<Record<string, string>>;
  /** Where else interpreters are looked for: PATH's folders, then pyenv's root ($PYENV_ROOT, else ~/.pyenv). */
  readonly pythonSearch: { readonly path: readonly string[]; readonly pyenvRoot: string };
  /** What an example whose interpreter is not installed does: `warn` (not run, a warning) or `error` (`--strict`). */
  readonly missingInterpreter: 'warn' | 'error';
  /** How posts' Markdown is read (`html`: the owner's raw HTML rendered, not escaped). */
  readonly markdown: Readonly<MarkdownOptions>;
  /** The theme package's name or folder (`theme`), as written; looked up from `root` by src/theme/load.ts. */
  readonly theme?: string;
  /** Extra stylesheets (`css`), absolute. */
  readonly css: readonly string[];
  /** The shiki themes of code blocks in light and dark mode. */
  readonly highlight: Readonly<HighlightThemes>;
}

/** Overrides from the CLI or a test; they win over the config file. */
export interface ConfigOverrides {
  useCache?: boolean;
  drafts?: boolean;
  concurrency?: number;
  outDir?: string;
  snippetsDir?: string;
  cacheDir?: string;
  /** Where the cache's signing key lives (like PROOFPRESS_CACHE_KEY_FILE). */
  cacheKeyFile?: string;
  venvDir?: string;
  pythonEnvsDir?: string;
  /** `error` makes examples whose interpreter is missing fail the build (`--strict`). */
  missingInterpreter?: 'warn' | 'error';
  /** Use this interpreter as is, without managing a venv (like PROOFPRESS_PYTHON). */
  pythonOverride?: string;
  onExampleFailure?: 'error' | 'warn';
  fastcgiFrontEnd?: 'auto' | 'nginx' | 'embedded';
  isolation?: IsolationChoice;
}

/** Read, validate and freeze the configuration of the project at `root`. */
export function resolveConfig(root: string, overrides: ConfigOverrides = {}, env = process.env): ResolvedConfig {
  const absRoot = path.resolve(root);
  const file = path.join(absRoot, CONFIG_FILE);
  const raw = existsSync(file) ? readConfigFile(file) : {};
  const parsed = userConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid ${CONFIG_FILE}: \`${issue.path.join('.') || '(root)'}\` ${issue.message}`, {
      file: CONFIG_FILE,
      hint: 'Fix the field named above; every field is optional and documented in src/config/schema.ts.',
    });
  }
  const user = parsed.data;
  const at = (dir: string) => path.resolve(absRoot, dir);
  const outDir = at(overrides.outDir ?? user.outDir);
  if (outDir === absRoot || absRoot.startsWith(outDir + path.sep)) {
    throw new ConfigError(`outDir ${outDir} would replace the project itself`, {
      file: CONFIG_FILE,
      hint: 'Point outDir at a folder inside the project, such as "site".',
    });
  }
  return Object.freeze({
    root: absRoot,
    contentDir: at(user.contentDir),
    snippetsDir: at(overrides.snippetsDir ?? user.snippetsDir),
    outDir,
    cacheDir: at(overrides.cacheDir ?? user.cacheDir),
    cacheKeyFile: path.resolve(overrides.cacheKeyFile ?? cacheKeyFileFromEnv(env)),
    venvDir: at(overrides.venvDir ?? user.venvDir),
    concurrency: overrides.concurrency ?? user.concurrency ?? defaultConcurrency(),
    exampleTimeoutMs: user.exampleTimeoutMs,
    onExampleFailure: overrides.onExampleFailure ?? user.onExampleFailure,
    linkCheck: user.linkCheck,
    fastcgiFrontEnd: overrides.fastcgiFrontEnd ?? user.fastcgiFrontEnd,
    site: Object.freeze({ ...user.site }),
    isolation: overrides.isolation ?? isolationFromEnv(env) ?? user.sandbox.isolation,
    limits: Object.freeze({ ...user.sandbox.limits }),
    useCache: overrides.useCache ?? true,
    drafts: overrides.drafts ?? false,
    pythonOverride: overrides.pythonOverride ?? (env.PROOFPRESS_PYTHON || undefined),
    pythonEnvsDir: at(overrides.pythonEnvsDir ?? user.pythonEnvsDir),
    pythons: Object.freeze(Object.fromEntries(Object.entries(user.pythons).map(([version, file]) => [version, file.includes('/') ? at(file) : file]))),
    pythonSearch: Object.freeze({
      path: Object.freeze((env.PATH ?? '').split(path.delimiter).filter((dir) => path.isAbsolute(dir))),
      pyenvRoot: env.PYENV_ROOT && path.isAbsolute(env.PYENV_ROOT) ? env.PYENV_ROOT : path.join(env.HOME || homedir(), '.pyenv'),
    }),
    missingInterpreter: overrides.missingInterpreter ?? user.missingInterpreter,
    markdown: Object.freeze({ ...user.markdown }),
    theme: user.theme,
    css: Object.freeze(user.css.map(at)),
    highlight: Object.freeze({ ...user.highlight }),
  });
}

// One example per core this process may use: availableParallelism() follows the CPU affinity (taskset, a
// container's cpuset), which os.cpus().length does not. Capped at the schema's bound.
function defaultConcurrency(): number {
  return Math.min(availableParallelism(), 64);
}

// PROOFPRESS_ISOLATION=strict lets CI demand namespaces without editing the project's config.
function isolationFromEnv(env: NodeJS.ProcessEnv): IsolationChoice | undefined {
  const value = env.PROOFPRESS_ISOLATION;
  if (!value) return undefined;
  const parsed = sandboxSchema.shape.isolation.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ConfigError(`PROOFPRESS_ISOLATION=${value} is not an isolation mode`, { hint: 'Use auto, strict or process.' });
}

// PROOFPRESS_CACHE_KEY_FILE, else the user's cache folder: $XDG_CACHE_HOME (when absolute, as the XDG spec
// asks), else ~/.cache. Never inside the project, whose cache folder CI may restore from elsewhere.
function cacheKeyFileFromEnv(env: NodeJS.ProcessEnv): string {
  if (env.PROOFPRESS_CACHE_KEY_FILE) return env.PROOFPRESS_CACHE_KEY_FILE;
  const cacheHome = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(env.HOME || homedir(), '.cache');
  return path.join(cacheHome, 'proofpress', 'cache.key');
}

function readConfigFile(file: string): unknown {
  try {
    // `//` and `/* */` comments are allowed (the config `proofpress init` writes explains its fields in them);
    // they become whitespace, so JSON.parse's error positions still point into the file as written.
    return JSON.parse(stripJsonComments(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new ConfigError(`Cannot read ${CONFIG_FILE}: ${(error as Error).message}`, {
      file: CONFIG_FILE,
      hint: 'The config file must be valid JSON (with `//` or `/* */` comments if you like).',
    });
  }
}
