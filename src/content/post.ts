// Stage 1d: validate normalised front matter against the Post schema and build the Post record.
import { z } from 'zod';
import { limitsSchema, pythonVersionSchema, type ResourceLimits } from '../config/schema.ts';
import { FrontMatterError } from '../errors.ts';
import { throwErrors } from '../util/collect-errors.ts';
import type { SourceFile } from './load.ts';
import { checkFrontMatter } from './front-matter-checks.ts';
import { findField } from './front-matter-lines.ts';
import { splitFrontMatter } from './front-matter.ts';
import { normaliseLegacyFrontMatter } from './legacy.ts';
import { requireFileSlug, SLUG } from './slug.ts';

/** The front matter a post may carry. Unknown fields are kept (as `extra`) so migrated metadata survives. */
export const frontMatterSchema = z.looseObject({
  /** Post title. Required. */
  title: z.string().min(1),
  /** URL-safe name; defaults to the file name. */
  slug: z.string().regex(SLUG, 'must be lower-case letters, digits and dashes').optional(),
  /** Publication date; a date without a timezone is read as UTC. Required. */
  date: z.date(),
  /** Date of the last significant update. */
  updated: z.date().optional(),
  /** Tags, shown on the post and used for tag pages. */
  tags: z.array(z.string().min(1)).default([]),
  /** One-paragraph summary for lists and feeds; else `description`, else the first paragraph. */
  summary: z.string().optional(),
  description: z.string().optional(),
  /** Drafts are left out of the site unless the build is run with --drafts. */
  draft: z.boolean().default(false),
  /** Old URL paths of this post; each gets a redirect page. */
  aliases: z.array(z.string().startsWith('/', 'must start with /')).default([]),
  /** Markdown shown in an aside at the top of the post, for editorial remarks. */
  editor_note: z.string().optional(),
  /**
   * The Python the post's examples run on, as a version prefix (`"2.7"`, `"3.12"`, `"3"`); a block's
   * `python=` overrides it. Absent: the project's .venv (or PROOFPRESS_PYTHON).
   */
  python: pythonVersionSchema.optional(),
  /** Python packages (pip requirement specifiers) the post's examples import; markers (`; python_version < "3"`) are evaluated per interpreter. */
  requirements: z.array(z.string().min(1)).default([]),
  /** The examples need the outside network (package downloads, public APIs); else they see only their own loopback. */
  network: z.boolean().default(false),
  /** Resource limits of this post's examples, over the config's `sandbox.limits` (e.g. `{ memoryMiB: 1024 }`). */
  limits: limitsSchema.partial().optional(),
  /**
   * Slug of the post whose code this file is another version of (e.g. a Python 3 port of a 2006 post). The file gets
   * no page: its code blocks are shown beside that post's, paired in order, with the diff; its title names the version.
   */
  variant_of: z.string().regex(SLUG, 'must be the slug of another post').optional(),
  /** Metadata kept from a WordPress migration; `post_id` feeds `/?p=ID` redirects. */
  wordpress: z.looseObject({ post_id: z.number().int().positive().optional() }).optional(),
});

type FrontMatter = z.output<typeof frontMatterSchema>;

/** A validated post: metadata plus its Markdown body and where that body starts in the file. */
export interface Post {
  /** Path of the source file relative to the project root (`content/x.md`). */
  source: string;
  slug: string;
  title: string;
  date: Date;
  updated?: Date;
  tags: string[];
  summary?: string;
  draft: boolean;
  aliases: string[];
  editorNote?: string;
  requirements: string[];
  /** The Python version prefix its examples run on (`2.7`), unless a block says otherwise; undefined: the default. */
  python?: string;
  /** Whether this post's examples may use the outside network. */
  network: boolean;
  /** Resource limits over the config's defaults. */
  limits: Partial<ResourceLimits>;
  wordpressPostId?: number;
  /** Slug of the post this file is a version of (`variant_of`); such a file is shown on that post's page, not on its own. */
  variantOf?: string;
  /** Front matter fields proofpress does not interpret (provenance, themes …). */
  extra: Record<string, unknown>;
  body: string;
  bodyOffset: number;
}

/**
 * Parse, normalise and validate one source file into a Post. Every mistake of its front matter is reported
 * at once: one FrontMatterError, or an InvalidPostsError carrying each (a YAML error stops at the first).
 */
export function toPost(source: SourceFile): Post {
  const split = splitFrontMatter(source);
  const data = normaliseLegacyFrontMatter(split.data);
  const problems = checkFrontMatter({ source, data, known: Object.keys(frontMatterSchema.shape), bodyOffset: split.bodyOffset });
  const covered = new Set(problems.flatMap((problem) => problem.fields));
  const result = frontMatterSchema.safeParse(data);
  const issues = result.success ? [] : result.error.issues.filter((issue) => !covered.has(String(issue.path[0] ?? '')));
  throwErrors([...problems.map((problem) => problem.error), ...issues.map((issue) => schemaError(source, issue, { data, bodyOffset: split.bodyOffset }))]);
  if (!result.success) throw result.error; // never: each of its issues was thrown above, itself or as a problem covering its field
  return buildPost(source, result.data, split.body, split.bodyOffset);
}

function schemaError(source: SourceFile, issue: z.core.$ZodIssue, { data, bodyOffset }: { data: Record<string, unknown>; bodyOffset: number }): FrontMatterError {
  const field = issue.path.join('.') || '(front matter)';
  const where = findField(source.text, String(issue.path[0] ?? ''), bodyOffset);
  return new FrontMatterError(`Front matter field \`${field}\`: ${describeIssue(issue, data)}`, {
    file: source.path,
    // A missing field points at the opening `---`; a wrong one at its value.
    line: where?.line ?? 1,
    column: where?.valueColumn,
    hint: hintFor(field),
  });
}

function buildPost(source: SourceFile, fm: FrontMatter, body: string, bodyOffset: number): Post {
  const known = new Set(Object.keys(frontMatterSchema.shape));
  const extra = Object.fromEntries(Object.entries(fm).filter(([key]) => !known.has(key)));
  return {
    source: source.path,
    slug: fm.slug ?? requireFileSlug(source.path),
    title: fm.title,
    date: fm.date,
    updated: fm.updated,
    tags: [...new Set(fm.tags)],
    summary: fm.summary ?? fm.description,
    draft: fm.draft,
    aliases: fm.aliases,
    editorNote: fm.editor_note,
    requirements: fm.requirements,
    python: fm.python,
    network: fm.network,
    limits: fm.limits ?? {},
    wordpressPostId: fm.wordpress?.post_id,
    variantOf: fm.variant_of,
    extra,
    body,
    bodyOffset,
  };
}

function describeIssue(issue: z.core.$ZodIssue, data: Record<string, unknown>): string {
  const key = issue.path[0];
  if (issue.code === 'invalid_type' && key !== undefined && !(String(key) in data)) return 'is required';
  return issue.message;
}

function hintFor(field: string): string {
  if (field === 'date' || field === 'updated') return `Write \`${field}: 2006-08-31\` or \`${field}: 2006-08-31T16:24:46Z\`.`;
  if (field === 'title') return 'Add `title: My post` to the front matter.';
  if (field === 'python') return 'Write the version in quotes, e.g. `python: "2.7"` or `python: "3.12"`.';
  return `Fix \`${field}\` in the front matter (see the Post schema in src/content/post.ts).`;
}
