// Stage 6r: how heavy the post pages are, for the build's progress line (small pages are a goal).
import type { SiteInfo } from '../config/schema.ts';
import type { OutputFileData } from './output.ts';
import type { VerifiedPost } from './article.ts';
import { createPageMemo, type PageMemo } from './page-facts.ts';
import { keptPostFile } from './post-url-memo.ts';

export interface PageWeightInput {
  files: OutputFileData[];
  posts: VerifiedPost[];
  site: SiteInfo;
  /** The sizes of the builds before, for pages whose content is unchanged (`proofpress dev`). @default a new memo */
  memo?: PageMemo;
}

/** Bytes of each post page (UTF-8), by output path. */
export function measurePostPages({ files, posts, site, memo = createPageMemo() }: PageWeightInput): { path: string; bytes: number }[] {
  const wanted = new Set(posts.map((post) => keptPostFile(post.parsed.post, site.permalink)));
  const sizes = files
    .filter((file) => wanted.has(file.path))
    .map((file) => ({ path: file.path, bytes: typeof file.content === 'string' ? memo.bytes.get(file.path, file.content) : Buffer.byteLength(file.content) }));
  memo.bytes.sweep();
  return sizes;
}

/** `post page 48213 bytes` for one post; `post pages median 30120 bytes, largest 48213 bytes (2006/…/index.html)` for more. */
export function describePostPageSizes(input: PageWeightInput): string {
  const sizes = measurePostPages(input).sort((a, b) => a.bytes - b.bytes);
  if (sizes.length === 0) return 'no post pages';
  if (sizes.length === 1) return `post page ${sizes[0]!.bytes} bytes`;
  const largest = sizes[sizes.length - 1]!;
  return `post pages median ${sizes[Math.floor(sizes.length / 2)]!.bytes} bytes, largest ${largest.bytes} bytes (${largest.path})`;
}
