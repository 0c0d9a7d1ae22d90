// proofpress's public API, in pipeline order: configure, load, build; plus the records a build returns.
export { build, type BuildOptions, type BuildResult } from './build.ts';
export { type ConfigOverrides, resolveConfig, type ResolvedConfig } from './config/resolve.ts';
export type { UserConfig } from './config/schema.ts';
export { loadPosts } from './content/load-posts.ts';
export type { Post } from './content/post.ts';
export type { Example } from './examples/extract.ts';
export type { ExampleSpec, RunKind } from './examples/fence-info.ts';
export type { RunRecord } from './runners/types.ts';
export { parseShard, type Shard } from './verify/shard.ts';
export type { Verification, VerificationStatus } from './verify/types.ts';
export * from './errors.ts';
// Theme authors' API: the contract's types and the escaping template their pieces build HTML with.
export type { ChromeInput, Html, IndexPageInput, LayoutInput, NotFoundInput, PageContext, PieceFunction, PostPageInput, TagIndexInput, TagPageInput, Theme } from './theme/contract.ts';
export { html, raw, SafeHtml } from './util/html.ts';
