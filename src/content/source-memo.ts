// Stage 1 memo for `proofpress dev`: every post file is read again on each rebuild, and one whose path and text are
// unchanged keeps its SourceFile and Post objects, so the later stages' memos (kept by object) know it is unchanged.
import { readFileSync } from 'node:fs';
import type { Counted, MemoCounts } from '../util/memo-counts.ts';
import { findSourceFiles, type SourceFile } from './load.ts';
import { type Post, toPost } from './post.ts';

/** The post files and Posts of the last build, for the next one (see readPosts' `memo`). */
export interface SourceMemo extends Counted {
  /** loadSourceFiles: the same files and text; a file whose text is the one read last time is the same object as then. */
  readSources(root: string, contentDir: string): Promise<SourceFile[]>;
  /** toPost, computed once per SourceFile object. A file whose front matter is invalid is judged again each time (its errors are not kept). */
  toPost(source: SourceFile): Post;
  /** Posts made (`made`) and handed out again (`reused`) by toPost. */
  counts(): MemoCounts;
}

/** An empty memo: `proofpress dev` keeps one for the server's life. */
export function createSourceMemo(): SourceMemo {
  let byPath = new Map<string, SourceFile>();
  const posts = new WeakMap<SourceFile, Post>();
  const counts: MemoCounts = { made: 0, reused: 0 };
  return {
    async readSources(root, contentDir) {
      const found = await findSourceFiles(root, contentDir);
      const next = new Map<string, SourceFile>();
      // Read whole, never trusted by modification time: a save within the clock's resolution, or a file put back as
      // it was, still shows. Synchronous reads of many small files are several times faster than fs/promises here.
      const sources = found.map(({ file, path }) => {
        const text = readFileSync(file, 'utf8');
        const kept = byPath.get(path);
        const source = kept?.text === text ? kept : { path, text };
        next.set(path, source);
        return source;
      });
      byPath = next; // a deleted file is forgotten, and with it its Post (a WeakMap entry)
      return sources;
    },
    toPost(source) {
      const kept = posts.get(source);
      if (kept) {
        counts.reused++;
        return kept;
      }
      counts.made++;
      const post = toPost(source); // a throw is not kept: an invalid file reports its errors again in every build
      posts.set(source, post);
      return post;
    },
    counts: () => ({ ...counts }),
  };
}
