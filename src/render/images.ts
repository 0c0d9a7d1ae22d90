// Stage 6a: images and files a post or page refers to: copied beside its page, links pointed there, <img> sized.
// The tokens are rewritten in place, before anything renders them: the page, its excerpt and the feeds all draw
// from the same token array (STYLE.md guideline 5), so they all get the same URLs and sizes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import type Token from 'markdown-it/lib/token.mjs';
import type { SourcedFile } from '../content/static-files.ts';
import { ProofpressError, SiteFileError } from '../errors.ts';
import type { ParsedPage } from '../markdown/parse-page.ts';
import type { ParsedPost } from '../markdown/parse.ts';
import { type ErrorCollector, throwErrors } from '../util/collect-errors.ts';
import { postUrl } from './urls.ts';

/** A Markdown document that becomes one page: a post or a standalone page. */
export interface LinkingDocument {
  /** Source file relative to the project root (`content/post.md`); relative targets are read from its folder. */
  source: string;
  /** Lines before the body (front matter), to turn token lines into file lines. */
  bodyOffset: number;
  tokens: Token[];
  /** Root-relative URL of its page: `/2024/03/01/post/`. */
  url: string;
}

export interface LocalFileContext {
  root: string;
  /** The static/ files by site path (`images/logo.png`), so `/images/logo.png` images are sized too. */
  statics: ReadonlyMap<string, Uint8Array>;
}

export interface SiteFilesInput {
  root: string;
  /** The post permalink pattern (site.permalink). */
  permalink?: string;
  posts: ParsedPost[];
  pages: ParsedPage[];
  statics: SourcedFile[];
  /** Where each document's errors go, to be reported with every other content error before examples run. */
  errors: ErrorCollector;
}

/** bindLocalFiles over every post that has a page (variant files have none) and every standalone page. */
export function bindSiteFiles({ root, permalink, posts, pages, statics, errors }: SiteFilesInput): SourcedFile[] {
  const ctx: LocalFileContext = { root, statics: new Map(statics.map((file) => [file.path, file.content])) };
  const documents: LinkingDocument[] = [
    // The URL only for a post that refers to a file beside it: most refer to none.
    ...posts.filter(({ post }) => !post.variantOf).map(({ post, tokens }) => ({ source: post.source, bodyOffset: post.bodyOffset, tokens, get url() { return postUrl(post, permalink); } })),
    ...pages.map(({ page, tokens }) => ({ source: page.source, bodyOffset: page.bodyOffset, tokens, url: page.url })),
  ];
  return errors.each(documents, (doc) => bindLocalFiles(doc, ctx)).flat();
}

// A scheme (`https:`, `mailto:`, `data:`), a protocol-relative URL, an in-page fragment or nothing: not a local file.
const NOT_LOCAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#|$)/i;

/**
 * Copy every file `doc` refers to by a relative path (`![diagram](diagram.png)`, `[CV](files/cv.pdf)`) to the
 * same relative place beside its page, and point the link at it root-relatively (so excerpts on the home page
 * and feeds resolve it too). Images, local or from static/, get `width`/`height` from the file. A missing image
 * or file, or one outside the document's folder, is a SiteFileError at the line that refers to it.
 */
export function bindLocalFiles(doc: LinkingDocument, ctx: LocalFileContext): SourcedFile[] {
  const copies = new Map<string, SourcedFile>();
  const errors: ProofpressError[] = [];
  for (const { token, attr, line } of inlineTargets(doc)) {
    try {
      const copy = bindTarget(doc, ctx, { token, attr, line });
      if (copy) copies.set(copy.path, copy);
    } catch (error) {
      if (!(error instanceof ProofpressError)) throw error;
      errors.push(error);
    }
  }
  throwErrors(errors);
  return [...copies.values()];
}

interface Target {
  token: Token;
  /** `src` of an image, `href` of a link. */
  attr: 'src' | 'href';
  /** 1-based file line of the reference. */
  line: number;
}

// Each image and link of the document's inline tokens, with the file line it is written on.
function inlineTargets(doc: LinkingDocument): Target[] {
  const kept = targetsOf.get(doc.tokens);
  if (kept?.bodyOffset === doc.bodyOffset) return kept.targets;
  const targets: Target[] = [];
  for (const token of doc.tokens) {
    if (token.type !== 'inline' || !token.map) continue;
    // An inline token carries its block's lines; each soft or hard break inside it moves one line down.
    let line = token.map[0] + doc.bodyOffset + 1;
    for (const child of token.children ?? []) {
      if (child.type === 'softbreak' || child.type === 'hardbreak') line++;
      if (child.type === 'image') targets.push({ token: child, attr: 'src', line });
      if (child.type === 'link_open') targets.push({ token: child, attr: 'href', line });
    }
  }
  targetsOf.set(doc.tokens, { bodyOffset: doc.bodyOffset, targets });
  return targets;
}

// Which tokens are images and links never changes after parsing, only their attributes (which bindTarget reads
// afresh): the list is kept per token array, for `proofpress dev`, whose memo hands an unchanged post's tokens to
// every rebuild (issue 12). A WeakMap, as the memo of a pure function: it lets go with the tokens.
const targetsOf = new WeakMap<Token[], { bodyOffset: number; targets: Target[] }>();

function bindTarget(doc: LinkingDocument, ctx: LocalFileContext, { token, attr, line }: Target): SourcedFile | undefined {
  const target = token.attrGet(attr) ?? '';
  if (NOT_LOCAL.test(target)) return undefined;
  const split = /^([^?#]*)(.*)$/s.exec(target)!;
  const [pathPart, suffix] = [decodePath(split[1]!), split[2]!];
  const image = attr === 'src';
  if (pathPart.startsWith('/')) {
    // Root-relative: a static/ file or a generated page; the link check answers for it. Static images get their size.
    const file = ctx.statics.get(pathPart.slice(1));
    if (image && file) setSize(token, file);
    return undefined;
  }
  // A relative link without a file extension (`../about/`) or to Markdown is a page link, not a file to publish.
  if (!image && (!/\.[a-z0-9]+$/i.test(pathPart) || /\.md$/i.test(pathPart))) return undefined;
  const where = { file: doc.source, line };
  const folder = path.posix.dirname(doc.source);
  const file = path.posix.normalize(path.posix.join(folder, pathPart));
  const what = image ? 'Image' : 'File';
  if (!file.startsWith(`${folder}/`)) {
    throw new SiteFileError(`${what} ${target} is outside the folder of ${doc.source}`, {
      ...where,
      hint: `Keep images and files beside the post (or in a folder under it), or put shared ones in static/ and write /${path.posix.basename(pathPart)}.`,
    });
  }
  const content = readSourceFile(path.join(ctx.root, file));
  if (!content) {
    throw new SiteFileError(`${what} ${target} not found: there is no file ${file}`, {
      ...where,
      hint: `Put the file at ${file}, or fix the path (it is read relative to ${folder}/; shared files go in static/ and are written /name).`,
    });
  }
  const inFolder = path.posix.relative(folder, file);
  const pageFolder = doc.url.endsWith('/') ? doc.url : `${path.posix.dirname(doc.url)}/`;
  token.attrSet(attr, `${pageFolder}${encodeURI(inFolder)}${suffix}`);
  if (image) setSize(token, content);
  return { path: `${pageFolder.slice(1)}${inFolder}`, content, source: file };
}

// The file's bytes, or undefined when there is no such file (a folder counts as none).
function readSourceFile(file: string): Uint8Array | undefined {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (error) {
    if (['ENOENT', 'EISDIR', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
}

// `width` and `height` from the image, so the page does not shift as it loads; sizes the author wrote are kept.
function setSize(token: Token, content: Uint8Array): void {
  if (token.attrGet('width') !== null || token.attrGet('height') !== null) return;
  let size: { width: number; height: number; orientation?: number };
  try {
    size = imageSize(content);
  } catch {
    return; // not an image format image-size knows (or a damaged file): the browser still shows what it can
  }
  // EXIF orientations 5–8 are rotated a quarter turn: browsers display the JPEG with its sides swapped.
  const turned = (size.orientation ?? 1) >= 5;
  token.attrSet('width', String(turned ? size.height : size.width));
  token.attrSet('height', String(turned ? size.width : size.height));
}

function decodePath(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
