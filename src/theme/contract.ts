// The theme contract: the pieces of a site's look, each a function from plain page data to HTML, that a blog's
// theme/ folder or a theme package may replace file by file (like Starlight's components schema, mdBook's theme/).
import type MarkdownIt from 'markdown-it';
import type { SiteInfo } from '../config/schema.ts';
import type { ListPage } from '../render/pagination.ts';
import type { PostEntry } from '../render/post-entry.ts';
import type { SafeHtml } from '../util/html.ts';

/**
 * What a piece returns: markup built with proofpress's `html` template (values escaped), or a string taken as
 * trusted markup. Either way it is the owner's code, so it is not escaped again.
 */
export type Html = SafeHtml | string;

/** What every page of one build shares. */
export interface PageContext {
  site: SiteInfo;
  /** Root-relative URLs of the scripts loaded (deferred) by every page: the JavaScript files in assets/. */
  scripts: string[];
  /** Root-relative URLs of the stylesheets every page links, in order (the theme's, then the owner's extra CSS). */
  stylesheets: string[];
  /** `site.footer` rendered from Markdown, when the config sets one. */
  footerHtml?: SafeHtml;
  /** The pieces this build renders with (the owner's, a theme package's and the built-in ones, resolved). */
  theme: Theme;
}

/** The page shell's data. */
export interface LayoutInput {
  ctx: PageContext;
  /** Page title (the site title is appended). */
  title: string;
  description?: string;
  /** Root-relative URL of the page: its canonical link and og:url. */
  url: string;
  body: SafeHtml;
  /** OpenGraph type. @default "website" */
  type?: 'website' | 'article';
  /** Dates and tags of an article, for `article:*` OpenGraph properties. */
  article?: { published: Date; modified?: Date; tags: string[] };
  /** `<link rel="prev|next">` of paginated lists. */
  prevUrl?: string;
  nextUrl?: string;
  /** Keep the page out of search engines (redirect and error pages). */
  noindex?: boolean;
  /** Leave out the canonical link and og:url (the 404 page answers for any URL). */
  noCanonical?: boolean;
}

/** The data of the header and footer pieces. */
export interface ChromeInput {
  ctx: PageContext;
}

/** A post page's data (the piece renders the page's body; the engine wraps it in `layout`). */
export interface PostPageInput {
  ctx: PageContext;
  md: MarkdownIt;
  entry: PostEntry;
  /** The next newer and older posts, for the links at the end of the article. */
  newer?: PostEntry;
  older?: PostEntry;
}

/** One page of the home page's post list. */
export interface IndexPageInput {
  ctx: PageContext;
  page: ListPage<PostEntry>;
  /** Whether the site has any post at all. */
  empty: boolean;
}

/** One tag's page. */
export interface TagPageInput {
  ctx: PageContext;
  /** The tag's names (two tags sharing one URL, `C++` and `c`, share a page). */
  names: string[];
  entries: PostEntry[];
}

/** The page listing every tag. */
export interface TagIndexInput {
  ctx: PageContext;
  tags: { names: string[]; url: string; count: number }[];
}

/** The 404 page. */
export interface NotFoundInput {
  ctx: PageContext;
  /** The latest posts, as somewhere to go next. */
  latest: PostEntry[];
}

/**
 * A piece as an override writes it: its data, and `next`, the piece it replaces (the theme package's or the
 * built-in one), so an override may wrap the default rather than copy it.
 */
export type PieceFunction<Input> = (input: Input, next: (input: Input) => SafeHtml) => Html;

/** Every piece of a theme, resolved: what the engine calls. */
export interface Theme {
  /** The whole document: head, header, `<main>` with the body, footer. File `layout`. */
  layout(input: LayoutInput): SafeHtml;
  /** The site header: title, navigation (`site.nav`), search. File `header`. */
  header(input: ChromeInput): SafeHtml;
  /** The site footer (`site.footer`). File `footer`. */
  footer(input: ChromeInput): SafeHtml;
  /** A post page's body: title, meta, editor's note, the article, neighbours. File `post-page`. */
  postPage(input: PostPageInput): SafeHtml;
  /** A page of the home page's list. File `index-page`. */
  indexPage(input: IndexPageInput): SafeHtml;
  /** A tag's page. File `tag-page`. */
  tagPage(input: TagPageInput): SafeHtml;
  /** The list of every tag. File `tag-index`. */
  tagIndex(input: TagIndexInput): SafeHtml;
  /** The 404 page's body. File `not-found`. */
  notFound(input: NotFoundInput): SafeHtml;
  /** The stylesheet published as /assets/style.css. File `style.css`. */
  stylesheet: string;
}

/** The function pieces, by the file name that overrides each (`theme/post-page.ts` → `postPage`). */
export const THEME_PIECES = {
  layout: 'layout',
  header: 'header',
  footer: 'footer',
  postPage: 'post-page',
  indexPage: 'index-page',
  tagPage: 'tag-page',
  tagIndex: 'tag-index',
  notFound: 'not-found',
} as const satisfies Record<Exclude<keyof Theme, 'stylesheet'>, string>;

export type PieceName = keyof typeof THEME_PIECES;

/** The file that replaces the built-in stylesheet; every other `*.css` of a theme folder is added after it. */
export const STYLESHEET_FILE = 'style.css';

/** Extensions a piece's file may have, in the order they are looked for (TypeScript works: the CLI runs under tsx). */
export const PIECE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'] as const;
