// The user-facing configuration: proofpress.config.json, validated by one schema with documented defaults.
import { z } from 'zod';

/** Site identity, used by page shells, feeds and canonical links. */
export const siteSchema = z.strictObject({
  /** @default "proofpress blog" */
  title: z.string().min(1).default('proofpress blog'),
  /** Absolute base URL the site is published at, used for canonical links and feeds. @default "http://localhost:8080/" */
  baseUrl: z.url().default('http://localhost:8080/'),
  /** @default "" */
  author: z.string().default(''),
  /** @default "" */
  description: z.string().default(''),
  /** BCP 47 language tag of the pages. @default "en" */
  language: z.string().default('en'),
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
  /** How many examples run at once. @default 4 */
  concurrency: z.number().int().min(1).max(64).default(4),
  /** Timeout of one example in milliseconds, unless its `timeout=` says otherwise. @default 15000 */
  exampleTimeoutMs: z.number().int().min(100).default(15_000),
  /** What a failed example does to the build: `error` fails it, `warn` publishes the failure. @default "error" */
  onExampleFailure: z.enum(['error', 'warn']).default('error'),
  site: siteSchema.default(siteSchema.parse({})),
});

export type UserConfig = z.input<typeof userConfigSchema>;
export type ParsedUserConfig = z.output<typeof userConfigSchema>;
export type SiteInfo = z.output<typeof siteSchema>;
