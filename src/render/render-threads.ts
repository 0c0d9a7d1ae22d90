// Stage 6 setup: for a first build, highlighting threads started before the posts are read, so they have loaded shiki when the blocks come.
import { availableParallelism } from 'node:os';
import type { RenderStore } from './cache/render-store.ts';
import type { CodeThemes } from './highlight.ts';
import type { HighlightThreads } from './workers/highlight-pool.ts';

// About 250 blocks: where highlighting on every core starts to pay (render/highlight-blocks.ts starts threads
// later for a job of 200 blocks or more, when a build finds that many to highlight).
const THREADS_FROM_POSTS = 100;

/**
 * Worker threads when every block will be highlighted (no render cache yet, or `--no-cache`) and there is a core to
 * spare; undefined otherwise (a rebuild highlights few blocks, or none). Close them when the build ends.
 */
export async function startThreadsIfCold(store: RenderStore | undefined, themes: CodeThemes, countPosts: () => Promise<number>): Promise<HighlightThreads | undefined> {
  if (availableParallelism() < 2 || (store && !(await store.isEmpty()))) return undefined;
  // A small site's blocks take less time on this thread than starting threads (shiki loads in each, ~0.3 s of CPU).
  // Counted only for a first build: a rebuild (each of dev's) does not list the posts twice.
  if ((await countPosts()) < THREADS_FROM_POSTS) return undefined;
  // Imported here, not at the top: shiki is only loaded by builds that highlight.
  const { startHighlightThreads } = await import('./workers/highlight-pool.ts');
  // One thread per core, and this one only hands out batches: the site (posts, tokens, pages) lives in this thread's
  // heap, and highlighting here too would pile its garbage on top of it (a 4,000-post site peaked at 1.4 GB).
  return startHighlightThreads({ themes, workers: availableParallelism(), local: false });
}
