// Stage 6 cache: the keys of rendered pages: hashes of everything a page is made from, so an unchanged input finds its page.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type Token from 'markdown-it/lib/token.mjs';
import type { ResolvedConfig } from '../../config/resolve.ts';
import type { Example } from '../../examples/extract.ts';
import type { ParsedPost } from '../../markdown/parse.ts';
import type { PageContext } from '../../theme/contract.ts';
import { findThemeFolders } from '../../theme/theme-folders.ts';
import type { VerifiedPost } from '../article.ts';

// Config fields that cannot change a page: where things are on disk, and how examples run (their outcome reaches
// pages through the verifications, which are part of each post's digest). Any other field, including one added
// later, is part of every key: forgetting a field here costs a re-render, never a stale page.
const NOT_RENDERED: ReadonlySet<string> = new Set([
  'root', 'contentDir', 'snippetsDir', 'outDir', 'cacheDir', 'cacheKeyFile', 'venvDir', 'concurrency', 'exampleTimeoutMs',
  'onExampleFailure', 'linkCheck', 'fastcgiFrontEnd', 'isolation', 'limits', 'useCache', 'pythonOverride', 'pythonEnvsDir',
  'pythons', 'pythonSearch', 'missingInterpreter',
]);

/** What every page of a build shares: the engine, the config, the page context and the theme's code. */
export interface SiteKeyInput {
  /** renderFingerprints().pages. */
  fingerprint: string;
  config: ResolvedConfig;
  ctx: Omit<PageContext, 'theme'>;
  /** themeDigest(config). */
  theme: string;
}

/** The part of every page's key that is the same for the whole build. */
export function siteKey({ fingerprint, config, ctx, theme }: SiteKeyInput): string {
  const rendered = Object.fromEntries(Object.entries(config).filter(([field]) => !NOT_RENDERED.has(field)));
  return hash(JSON.stringify({ fingerprint, config: rendered, ctx: { ...ctx, footerHtml: ctx.footerHtml?.value }, theme }));
}

/**
 * A post as rendering sees it: its metadata and body, its tokens after images and files were bound (their sizes and
 * URLs come from files beside the post), its examples and their verifications, and its variants.
 */
export function postDigest(post: VerifiedPost): string {
  const { parsed, examples, verifications, variants = [] } = post;
  return hash(
    JSON.stringify({
      parsed: parseDigest(parsed),
      examples: examplesDigest(examples),
      verifications,
      variants: variants.map((variant) => ({ post: postDigest(variant.post), pairs: variant.pairs })),
    }),
  );
}

// Hashing every post's tokens is most of the cost of a rebuild's keys when a few pages are rendered (issue 12): the
// digests are kept by object, for `proofpress dev`, whose memo (examples/post-memo.ts) hands an unchanged post's
// ParsedPost and examples to every rebuild. WeakMaps, as memos of pure functions: they change no result and let go of
// a post with its objects. After parsing, tokens change only in their attributes (render/images.ts binds images and
// links to the files beside the post), so a kept digest stands while every attribute is the one it was made with.
const parseDigests = new WeakMap<ParsedPost, { attributes: AttributeSnapshot; digest: string }>();
const exampleDigests = new WeakMap<readonly Example[], string>();

function parseDigest(parsed: ParsedPost): string {
  const kept = parseDigests.get(parsed);
  if (kept && sameAttributes(kept.attributes)) return kept.digest;
  const digest = hash(JSON.stringify({ post: parsed.post, tokens: parsed.tokens, env: parsed.env }));
  parseDigests.set(parsed, { attributes: snapshotAttributes(parsed.tokens), digest });
  return digest;
}

// Examples are plain data that nothing changes once extracted.
function examplesDigest(examples: readonly Example[]): string {
  let digest = exampleDigests.get(examples);
  if (digest === undefined) exampleDigests.set(examples, (digest = hash(JSON.stringify(examples))));
  return digest;
}

/** Each token (children included) that has attributes, with their names and values as they were, flattened. */
type AttributeSnapshot = { token: Token; values: string[] }[];

function snapshotAttributes(tokens: Token[]): AttributeSnapshot {
  const snapshot: AttributeSnapshot = [];
  const add = (token: Token) => {
    if (token.attrs) snapshot.push({ token, values: token.attrs.flat() });
  };
  for (const token of tokens) {
    add(token);
    for (const child of token.children ?? []) add(child);
  }
  return snapshot;
}

function sameAttributes(snapshot: AttributeSnapshot): boolean {
  return snapshot.every(({ token, values }) => {
    const attrs = token.attrs ?? [];
    return attrs.length * 2 === values.length && attrs.every(([name, value], i) => name === values[2 * i] && value === values[2 * i + 1]);
  });
}

/**
 * The theme's code: every file of the blog's theme/ folder and of the theme package, helpers in subfolders included,
 * except stylesheets (pages only link them, and the list of stylesheets is part of the page context).
 */
export async function themeDigest(config: Pick<ResolvedConfig, 'root' | 'theme'>): Promise<string> {
  const digest = createHash('sha256');
  for (const folder of findThemeFolders(config.root, config.theme)) {
    const entries = await readdir(folder.dir, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.css'))
      .map((entry) => path.relative(folder.dir, path.join(entry.parentPath, entry.name)))
      .filter((file) => !file.split(path.sep).includes('node_modules')) // a theme package's own dependencies
      .sort();
    for (const file of files) {
      const content = await readFile(path.join(folder.dir, file));
      digest.update(`${file}\0${content.length}\0`).update(content);
    }
  }
  return digest.digest('hex');
}

/** The key of one rendered file: its kind and everything it is made from. */
export function unitKey(...parts: (string | number | boolean)[]): string {
  return hash(parts.join('\0'));
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
