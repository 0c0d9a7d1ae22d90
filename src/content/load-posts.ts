// Stage 1 entry: every publishable post of the project, validated and sorted newest first.
import type { ResolvedConfig } from '../config/resolve.ts';
import { loadSourceFiles } from './load.ts';
import { type Post, toPost } from './post.ts';

/** Load, validate and sort the posts; drafts and future-dated posts only when `config.drafts`. */
export async function loadPosts(config: ResolvedConfig, now = new Date()): Promise<Post[]> {
  const sources = await loadSourceFiles(config.root, config.contentDir);
  const posts = sources.map(toPost);
  const published = config.drafts ? posts : posts.filter((post) => !post.draft && post.date <= now);
  return published.sort((a, b) => b.date.getTime() - a.date.getTime() || a.slug.localeCompare(b.slug));
}
