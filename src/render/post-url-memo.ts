// Stage 6: a post's permalink, worked out once per Post for `proofpress dev` (issue 12).
import type { Post } from '../content/post.ts';
import { fileForUrl, postUrl } from './urls.ts';

// dev's memo (examples/post-memo.ts) hands an unchanged post's Post to every rebuild, and several steps ask for the
// URL of every post. A WeakMap, as the memo of a pure function: it lets go with the post.
const urls = new WeakMap<Post, KeptUrl>();

interface KeptUrl {
  permalink: string | undefined;
  url: string;
  file?: string;
}

function kept(post: Post, permalink: string | undefined): KeptUrl {
  const hit = urls.get(post);
  if (hit && hit.permalink === permalink) return hit;
  const made: KeptUrl = { permalink, url: postUrl(post, permalink) };
  urls.set(post, made);
  return made;
}

/** postUrl(post, permalink). */
export function keptPostUrl(post: Post, permalink: string | undefined): string {
  return kept(post, permalink).url;
}

/** fileForUrl(postUrl(post, permalink)): the output path of the post's page. */
export function keptPostFile(post: Post, permalink: string | undefined): string {
  const hit = kept(post, permalink);
  return (hit.file ??= fileForUrl(hit.url));
}
