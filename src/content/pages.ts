// Stage 1: standalone pages (`pages/*.md`: about, projects), read and validated; they have no date, tags or feed entry.
import path from 'node:path';
import { z } from 'zod';
import type { ResolvedConfig } from '../config/resolve.ts';
import { FrontMatterError } from '../errors.ts';
import type { ErrorCollector } from '../util/collect-errors.ts';
import { findField } from './front-matter-lines.ts';
import { splitFrontMatter } from './front-matter.ts';
import { loadSourceFiles, type SourceFile } from './load.ts';
import { slugFromFileName } from './slug.ts';

/** The folder of standalone pages, beside content/. */
export const PAGES_FOLDER = 'pages';

const SLUG = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

/**
 * The front matter a page may carry. Other fields are ignored, so a page copied from a post keeps working. A page is
 * put in the header by listing it in the config's `site.nav` (`{ "text": "About", "href": "/about/" }`).
 */
export const pageFrontMatterSchema = z.looseObject({
  /** Page title. Required. */
  title: z.string().min(1),
  /** URL path of the page without slashes (`about`, `projects/old`); defaults to the file's path under pages/. */
  slug: z.string().regex(SLUG, 'must be lower-case letters, digits and dashes, segments separated by /').optional(),
  /** The page's meta description. */
  description: z.string().optional(),
  /** A draft page is left out unless the build is run with --drafts. */
  draft: z.boolean().default(false),
});

/** A validated standalone page. */
export interface Page {
  /** Path of the source file relative to the project root (`pages/about.md`). */
  source: string;
  slug: string;
  /** Root-relative URL: `/about/`. */
  url: string;
  title: string;
  description?: string;
  draft: boolean;
  body: string;
  /** Lines before the body: body line N is file line N + bodyOffset. */
  bodyOffset: number;
}

/** The pages under pages/ (drafts only with `config.drafts`), sorted by URL; invalid ones go to `errors`. */
export async function readPages(config: ResolvedConfig, { errors }: { errors: ErrorCollector }): Promise<Page[]> {
  const sources = await loadSourceFiles(config.root, path.join(config.root, PAGES_FOLDER));
  const pages = errors.each(sources, toPage).filter((page) => config.drafts || !page.draft);
  return pages.sort((a, b) => a.url.localeCompare(b.url));
}

/** Parse and validate one page file. */
export function toPage(source: SourceFile): Page {
  const split = splitFrontMatter(source);
  const result = pageFrontMatterSchema.safeParse(split.data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join('.') || '(front matter)';
    const missing = issue.code === 'invalid_type' && !(String(issue.path[0]) in split.data);
    throw new FrontMatterError(`Front matter field \`${field}\`: ${missing ? 'is required' : issue.message}`, {
      file: source.path,
      line: findField(source.text, String(issue.path[0] ?? ''), split.bodyOffset)?.line ?? 1,
      hint: field === 'title' ? 'Add `title: About` to the front matter.' : `Fix \`${field}\` (see the Page schema in src/content/pages.ts).`,
    });
  }
  const fm = result.data;
  const slug = fm.slug ?? slugFromPagePath(source.path);
  return {
    source: source.path,
    slug,
    url: slug === '' ? '/' : `/${slug}/`,
    title: fm.title,
    description: fm.description,
    draft: fm.draft,
    body: split.body,
    bodyOffset: split.bodyOffset,
  };
}

// `pages/Projects/Über uns.md` → `projects/ueber-uns`, each segment as a post's file name is slugged; an `index.md`
// names its folder (`pages/projects/index.md` → `projects`).
function slugFromPagePath(file: string): string {
  const segments = file.replace(/\.md$/, '').split('/').slice(1);
  if (segments.at(-1) === 'index') segments.pop();
  return segments.map((segment) => slugFromFileName(segment)).join('/');
}
