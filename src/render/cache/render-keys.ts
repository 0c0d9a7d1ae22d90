// Stage 6 cache: the keys of rendered pages: hashes of everything a page is made from, so an unchanged input finds its page.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../../config/resolve.ts';
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
      post: parsed.post,
      tokens: parsed.tokens,
      env: parsed.env,
      examples,
      verifications,
      variants: variants.map((variant) => ({ post: postDigest(variant.post), pairs: variant.pairs })),
    }),
  );
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
