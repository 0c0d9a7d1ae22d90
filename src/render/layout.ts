// Stage 6f: every HTML page goes through the theme's `layout` here; the feeds and search files every shell links.
import type { LayoutInput, PageContext } from '../theme/contract.ts';

export type { LayoutInput, PageContext };

/** Files the search index step writes after rendering (Pagefind's own UI). */
export const SEARCH_UI = { script: '/pagefind/pagefind-ui.js', styles: '/pagefind/pagefind-ui.css' } as const;

/** The feeds every page advertises, by file. */
export const FEEDS = [
  { url: '/atom.xml', type: 'application/atom+xml', label: 'Atom' },
  { url: '/rss.xml', type: 'application/rss+xml', label: 'RSS' },
  { url: '/feed.json', type: 'application/feed+json', label: 'JSON Feed' },
] as const;

/** Wrap a page body in the theme's document shell. */
export function renderLayout(input: LayoutInput): string {
  // Pieces that render nothing (no description, no prev link) leave blank lines behind: keep at most one.
  return input.ctx.theme.layout(input).value.replace(/\n{3,}/g, '\n\n');
}
