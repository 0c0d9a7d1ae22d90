import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { siteSchema } from '../../../src/config/schema.ts';
import { renderRobots, renderSitemap } from '../../../src/render/crawlers.ts';

const site = siteSchema.parse({ baseUrl: 'https://blog.example.org/' });

describe('render/crawlers', () => {
  test('writes a sitemap of absolute, escaped URLs with post dates', () => {
    const xml = String(renderSitemap(site, [{ url: '/' }, { url: '/a&b/', lastModified: new Date('2024-01-01T00:00:00Z') }]).content);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(new XMLParser().parse(xml).urlset.url).toEqual([
      { loc: 'https://blog.example.org/' },
      { loc: 'https://blog.example.org/a&b/', lastmod: '2024-01-01T00:00:00.000Z' },
    ]);
  });

  test('points robots.txt at the sitemap', () => {
    expect(renderRobots(site).content).toBe('User-agent: *\nAllow: /\n\nSitemap: https://blog.example.org/sitemap.xml\n');
  });
});
