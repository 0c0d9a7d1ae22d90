import { beforeAll, describe, expect, test } from 'vitest';
import { siteSchema } from '../../../src/config/schema.ts';
import { renderLayout } from '../../../src/render/layout.ts';
import type { PageContext } from '../../../src/theme/contract.ts';
import { loadDefaultTheme } from '../../../src/theme/default/index.ts';
import { html } from '../../../src/util/html.ts';

const site = siteSchema.parse({ title: 'My <Blog>', baseUrl: 'https://blog.example.org/', description: 'About "things"', language: 'en-GB' });
let ctx: PageContext;
let page: string;

beforeAll(async () => {
  ctx = { site, scripts: ['/assets/copy.js'], stylesheets: ['/assets/style.css'], theme: await loadDefaultTheme() };
  page = renderLayout({ ctx, title: 'A & B', url: '/a/', body: html`<p>Body</p>`, type: 'article', article: { published: new Date('2024-01-01T00:00:00Z'), tags: ['x"y'] } });
});

describe('render/layout', () => {

  test('has landmarks, a skip link, the search box, language and viewport', () => {
    expect(page).toContain('<html lang="en-GB">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain('<a class="skip-link" href="#main">Skip to content</a>');
    for (const landmark of ['<header class="site-header">', '<nav class="site-nav" aria-label="Site">', '<main id="main"', '<footer class="site-footer">', 'role="search" id="search"']) {
      expect(page).toContain(landmark);
    }
  });

  test('links canonical, OpenGraph and feeds from the site config, all escaped', () => {
    expect(page).toContain('<title>A &amp; B · My &lt;Blog&gt;</title>');
    expect(page).toContain('<link rel="canonical" href="https://blog.example.org/a/">');
    expect(page).toContain('<meta property="og:type" content="article">');
    expect(page).toContain('<meta property="og:url" content="https://blog.example.org/a/">');
    expect(page).toContain('<meta property="og:description" content="About &quot;things&quot;">');
    expect(page).toContain('<meta property="og:site_name" content="My &lt;Blog&gt;">');
    expect(page).toContain('<meta property="article:tag" content="x&quot;y">');
    expect(page).toContain('<link rel="alternate" type="application/atom+xml" title="My &lt;Blog&gt; (Atom)" href="/atom.xml">');
    expect(page).toContain('<link rel="alternate" type="application/feed+json"');
  });

  test('links KaTeX\'s stylesheet only from a page that holds typeset math', () => {
    const withMath = renderLayout({ ctx, title: 'M', url: '/m/', body: html`<p><span class="katex"><span class="katex-mathml"></span></span></p>` });
    expect(withMath).toContain('<link rel="stylesheet" href="/assets/katex/katex.min.css">\n<link rel="stylesheet" href="/assets/style.css">');
    expect(page).not.toContain('katex');
  });

  test('loads scripts deferred and only from the site itself', () => {
    expect(page).toContain('<script src="/assets/copy.js" defer></script>');
    expect(page).toContain('<script src="/pagefind/pagefind-ui.js" defer></script>');
    // No external requests: every script and stylesheet is a root-relative file of the site.
    const loaded = [...page.matchAll(/<script src="([^"]*)"|<link rel="stylesheet" href="([^"]*)"/g)].map((match) => match[1] ?? match[2]);
    expect(loaded).toEqual(['/assets/style.css', '/pagefind/pagefind-ui.css', '/assets/copy.js', '/pagefind/pagefind-ui.js']);
  });

  test('keeps error pages out of search engines and without a canonical URL', () => {
    const notFound = renderLayout({ ctx, title: 'Not found', url: '/404.html', body: html``, noindex: true, noCanonical: true });
    expect(notFound).toContain('<meta name="robots" content="noindex">');
    expect(notFound).not.toContain('rel="canonical"');
    expect(notFound).not.toContain('og:url');
  });
});
