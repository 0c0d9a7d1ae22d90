// Stage 6l: 404.html, which static hosts serve for any missing URL: the theme's body, kept out of search engines.
import { type PageContext, renderLayout } from './layout.ts';
import type { OutputFileData } from './output.ts';
import type { PostEntry } from './post-entry.ts';

/** How many of the latest posts the page offers. */
export const NOT_FOUND_LATEST = 5;

/** The "page not found" page, with the latest posts as somewhere to go next. */
export function renderNotFoundPage(ctx: PageContext, entries: PostEntry[]): OutputFileData {
  const body = ctx.theme.notFound({ ctx, latest: entries.slice(0, NOT_FOUND_LATEST) });
  return { path: '404.html', content: renderLayout({ ctx, title: 'Page not found', url: '/404.html', body, noindex: true, noCanonical: true }) };
}
