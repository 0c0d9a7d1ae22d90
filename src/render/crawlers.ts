// Stage 6k: what search engines read: sitemap.xml (every indexable page) and robots.txt pointing at it.
import type { SiteInfo } from '../config/schema.ts';
import { escapeHtml } from '../util/html.ts';
import type { OutputFileData } from './output.ts';
import { absoluteUrl } from './urls.ts';

/** A page listed in the sitemap. */
export interface SitemapPage {
  /** Root-relative URL. */
  url: string;
  /** Last change, for posts (their `updated`, else their date). */
  lastModified?: Date;
}

/** `sitemap.xml` (sitemaps.org 0.9) listing `pages` in the order given. */
export function renderSitemap(site: SiteInfo, pages: SitemapPage[]): OutputFileData {
  const urls = pages.map((page) => {
    const lastmod = page.lastModified ? `<lastmod>${page.lastModified.toISOString()}</lastmod>` : '';
    return `  <url><loc>${escapeHtml(absoluteUrl(site, page.url))}</loc>${lastmod}</url>\n`;
  });
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('')}</urlset>\n`;
  return { path: 'sitemap.xml', content: xml };
}

/** `robots.txt`: everything may be crawled, and the sitemap is named with its absolute URL. */
export function renderRobots(site: SiteInfo): OutputFileData {
  return { path: 'robots.txt', content: `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(site, '/sitemap.xml')}\n` };
}
