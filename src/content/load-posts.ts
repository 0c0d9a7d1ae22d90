// Stage 1 entry: every publishable post of the project, validated and sorted newest first.
import type { ResolvedConfig } from '../config/resolve.ts';
import { collectErrors, type ErrorCollector } from '../util/collect-errors.ts';
import { loadSourceFiles } from './load.ts';
import { type Post, toPost } from './post.ts';
import type { SourceMemo } from './source-memo.ts';
import { duplicateSlugErrors } from './unique-slugs.ts';

/**
 * Load, validate and sort the posts; drafts and future-dated posts only when `config.drafts`. Every
 * invalid post is reported: one error as it is, several as one InvalidPostsError carrying each.
 */
export async function loadPosts(config: ResolvedConfig, now = new Date()): Promise<Post[]> {
  const errors = collectErrors();
  const posts = await readPosts(config, { errors, now });
  errors.throwIfAny();
  return posts;
}

/** The valid posts, as loadPosts returns them; the errors of the others go to `errors`, for the build to report with its later stages'. */
export async function readPosts(
  config: ResolvedConfig,
  { errors, now = new Date(), onScheduled, memo }: { errors: ErrorCollector; now?: Date; onScheduled?: (date: Date) => void; memo?: SourceMemo },
): Promise<Post[]> {
  // `proofpress dev` passes its memo: files are read again, and an unchanged one keeps its Post (content/source-memo.ts).
  const sources = await (memo ? memo.readSources(config.root, config.contentDir) : loadSourceFiles(config.root, config.contentDir));
  const posts = errors.each(sources, memo ? memo.toPost : toPost);
  const published = config.drafts ? posts : posts.filter((post) => !post.draft && post.date <= now);
  // A future-dated post left out now is published by a build after its date (`onScheduled` hears of each).
  if (!config.drafts) for (const post of posts) if (!post.draft && post.date > now) onScheduled?.(post.date);
  errors.add(...duplicateSlugErrors(published)); // before the sort below, so the error names the files in path order
  return published.sort((a, b) => b.date.getTime() - a.date.getTime() || a.slug.localeCompare(b.slug));
}
