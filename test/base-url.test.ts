// A site deployed under a sub-path (`https://user.github.io/blog/`, a GitHub project page): every URL it
// publishes carries `/blog/`, the link checker understands it, and a browser loads it from /blog/ with no
// failed request. Also the warning for a baseUrl left at the placeholder.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { parse } from 'parse5';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import { respond, siteOf } from '../src/dev/dev-site.ts';
import { createPreviewServer } from '../src/preview/preview-server.ts';
import { requestUrl } from '../src/serve/request-url.ts';
import { resolveConfig } from '../src/config/resolve.ts';
import { ConfigError, RenderError, type ProofpressError } from '../src/errors.ts';
import { contentTypeOf } from '../src/serve/content-type.ts';
import { type BuiltSite, buildSite } from './helpers/built-site.ts';
import { launchChromium, NO_CHROMIUM } from './helpers/chromium.ts';
import { tempSite } from './helpers/project.ts';

const BASE_URL = 'https://user.github.io/blog/';

describe('config: site.baseUrl', () => {
  test.each([
    // a GitHub project page, as written and without its final slash
    ['https://user.github.io/blog/', 'https://user.github.io/blog/'],
    ['https://user.github.io/blog', 'https://user.github.io/blog/'],
    ['https://example.org/a/b/', 'https://example.org/a/b/'],
  ])('accepts %s with a path', async (baseUrl, expected) => {
    const root = mkdtempSync(path.join(tmpdir(), 'proofpress-baseurl-'));
    await writeFile(path.join(root, 'proofpress.config.json'), JSON.stringify({ site: { baseUrl } }));
    expect(resolveConfig(root).site.baseUrl).toBe(expected);
  });

  test.each(['https://user.github.io/blog/?x=1', 'ftp://user.github.io/blog/', 'user.github.io/blog'])('rejects %s naming the field', async (baseUrl) => {
    const root = mkdtempSync(path.join(tmpdir(), 'proofpress-baseurl-'));
    await writeFile(path.join(root, 'proofpress.config.json'), JSON.stringify({ site: { baseUrl } }));
    expect(() => resolveConfig(root)).toThrow(/`site\.baseUrl`/);
  });
});

describe('a site built under /blog/', () => {
  let site: BuiltSite;
  let outDir: string;
  let htmlFiles: string[];
  beforeAll(async () => {
    site = await buildSite('subpath', { write: true });
    outDir = site.config.outDir;
    htmlFiles = (await readdir(outDir, { recursive: true })).filter((file) => file.endsWith('.html') && !file.startsWith('pagefind'));
  }, 120_000);
  afterAll(() => site?.cleanup());

  test('keeps site/ laid out from its root (it is deployed under the path)', async () => {
    expect(htmlFiles).toEqual(expect.arrayContaining(['index.html', 'page/2/index.html', 'tags/tech/index.html', '2024/03/01/first-post/index.html', '404.html', 'old/first-post.html']));
    expect(htmlFiles.some((file) => file.startsWith('blog/'))).toBe(false);
  });

  test('every root-relative href and src of every page starts with /blog/', async () => {
    const offenders: string[] = [];
    let checked = 0;
    for (const file of htmlFiles) {
      for (const { name, value } of urlAttributes(await readFile(path.join(outDir, file), 'utf8'))) {
        if (!value.startsWith('/') || value.startsWith('//')) continue;
        checked++;
        if (!value.startsWith('/blog/')) offenders.push(`${file}: ${name}="${value}"`);
      }
    }
    expect(offenders).toEqual([]);
    expect(checked).toBeGreaterThan(100); // the layout's links, assets, pagination, tags and the post's own Markdown links
  });

  test('the stylesheet, scripts, favicon, KaTeX, feeds, pagination, tags and Markdown links are all under /blog/', async () => {
    const post = await readFile(path.join(outDir, '2024/03/01/first-post/index.html'), 'utf8');
    const urls = urlAttributes(post).map((attribute) => attribute.value);
    expect(urls).toEqual(
      expect.arrayContaining(['/blog/assets/style.css', '/blog/assets/copy.js', '/blog/favicon.svg', '/blog/assets/katex/katex.min.css', '/blog/atom.xml', '/blog/pagefind/pagefind-ui.js', '/blog/tags/tech/', '/blog/2024/02/01/second-post/']),
    );
    expect(urlAttributes(await readFile(path.join(outDir, 'index.html'), 'utf8')).map((attribute) => attribute.value)).toContain('/blog/page/2/');
    expect(post).toContain(`<link rel="canonical" href="${BASE_URL}2024/03/01/first-post/">`);
  });

  test('feeds and the sitemap use absolute URLs under the baseUrl', async () => {
    const xml = new XMLParser({ ignoreAttributes: false });
    const atom = xml.parse(await readFile(path.join(outDir, 'atom.xml'), 'utf8')).feed;
    const rss = xml.parse(await readFile(path.join(outDir, 'rss.xml'), 'utf8')).rss.channel;
    const json = JSON.parse(await readFile(path.join(outDir, 'feed.json'), 'utf8'));
    const sitemap = xml.parse(await readFile(path.join(outDir, 'sitemap.xml'), 'utf8')).urlset.url;
    const absolute = [
      ...[atom.link].flat().map((link: Record<string, string>) => link['@_href']),
      ...atom.entry.map((entry: { id: string }) => entry.id),
      rss.link,
      ...rss.item.map((item: { link: string }) => item.link),
      json.home_page_url,
      json.feed_url,
      ...json.items.map((item: { url: string }) => item.url),
      ...sitemap.map((url: { loc: string }) => url.loc),
    ];
    expect(absolute.length).toBeGreaterThan(10);
    for (const url of absolute) expect(url).toMatch(/^https:\/\/user\.github\.io\/blog\//);
    // Links inside the posts' content too: the feed readers resolve them against nothing.
    const contentLinks = json.items.flatMap((item: { content_html: string }) => [...item.content_html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]));
    expect(contentLinks).toContain(`${BASE_URL}2024/02/01/second-post/`);
    for (const link of contentLinks) expect(link).toMatch(/^https:\/\/user\.github\.io\/blog\//);
    expect(await readFile(path.join(outDir, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${BASE_URL}sitemap.xml`);
  });

  test('redirects: _redirects, the nginx map and alias pages carry /blog/', async () => {
    expect(await readFile(path.join(outDir, '_redirects'), 'utf8')).toContain(
      '/blog/old/first-post.html /blog/2024/03/01/first-post/ 301\n/blog/ p=7 /blog/2024/03/01/first-post/ 301!\n',
    );
    const nginx = await readFile(path.join(outDir, 'nginx-redirects.conf'), 'utf8');
    expect(nginx).toContain('location = /blog/old/first-post.html {\n    return 301 /blog/2024/03/01/first-post/;\n}');
    expect(nginx).toContain('location = /blog/ {\n    if ($arg_p = "7") { return 301 /blog/2024/03/01/first-post/; }\n}');
    const alias = await readFile(path.join(outDir, 'old/first-post.html'), 'utf8');
    expect(alias).toContain('<meta http-equiv="refresh" content="0; url=/blog/2024/03/01/first-post/">');
    expect(alias).toContain('<a href="/blog/2024/03/01/first-post/">');
  });

  // Pagefind's UI takes its base URL from where its own script was loaded (/blog/pagefind/ → /blog/) and puts
  // it before every result, so the index holds site-relative URLs; the browser test below follows a result.
  test('the search index holds site-relative URLs, which the UI puts under /blog/', async () => {
    const dir = path.join(outDir, 'pagefind', 'fragment');
    const urls = await Promise.all(
      (await readdir(dir)).map(async (file) => (JSON.parse(gunzipSync(await readFile(path.join(dir, file))).toString('utf8').replace(/^pagefind_dcd/, '')) as { url: string }).url),
    );
    expect(urls.sort()).toEqual(['/2024/02/01/second-post/', '/2024/03/01/first-post/']);
  });

  test('proofpress preview serves it under /blog/, as the host will: redirects, folders, and a 404 outside', async () => {
    const server = createPreviewServer(outDir, { basePath: '/blog/' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const get = (url: string) => fetch(`${origin}${url}`, { redirect: 'manual' });
      expect((await get('/blog/')).status).toBe(200);
      expect((await get('/blog/assets/style.css')).status).toBe(200);
      expect((await get('/')).headers.get('location')).toBe('/blog/');
      expect((await get('/blog/?p=7')).headers.get('location')).toBe('/blog/2024/03/01/first-post/');
      expect((await get('/blog/tags')).headers.get('location')).toBe('/blog/tags/');
      expect((await get('/tags/')).status).toBe(404);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('proofpress dev answers under /blog/ too', () => {
    const state = { site: siteOf(site.result.files, '/blog/') };
    expect(respond(state, requestUrl('/blog/tags/tech/')).status).toBe(200);
    expect(respond(state, requestUrl('/')).headers.Location).toBe('/blog/');
    expect(respond(state, requestUrl('/blog/old/first-post.html')).body).toContain('url=/blog/2024/03/01/first-post/');
    expect(respond(state, requestUrl('/tags/tech/')).status).toBe(404);
  });

  describe.skipIf(NO_CHROMIUM)(`in Chromium, served under /blog/${NO_CHROMIUM ? ` (skipped: ${NO_CHROMIUM})` : ''}`, () => {
    let server: Server;
    let origin: string;
    beforeAll(async () => {
      server = serveUnder('/blog/', outDir);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

    test('a post loads its stylesheet, scripts, KaTeX fonts and search with no failed request, and search leads to /blog/', async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const failed: string[] = [];
        const loaded: string[] = [];
        page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
        page.on('response', (response) => (response.status() >= 400 ? failed.push(`${response.url()} ${response.status()}`) : loaded.push(new URL(response.url()).pathname)));
        await page.goto(`${origin}/blog/2024/03/01/first-post/`, { waitUntil: 'networkidle' });
        expect(loaded).toEqual(expect.arrayContaining(['/blog/assets/style.css', '/blog/assets/katex/katex.min.css', '/blog/pagefind/pagefind-ui.js']));
        expect(loaded.some((url) => url.startsWith('/blog/assets/katex/fonts/'))).toBe(true);
        // The stylesheet applied: the page is not in the browser's default serif.
        expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).not.toMatch(/^"?Times/);
        await page.fill('#search input', 'zanzibar');
        const result = page.locator('.pagefind-ui__result-link').first();
        await result.waitFor({ timeout: 15_000 });
        expect(await result.getAttribute('href')).toBe('/blog/2024/02/01/second-post/');
        await result.click();
        await page.waitForURL(`${origin}/blog/2024/02/01/second-post/`);
        await page.waitForLoadState('networkidle');
        expect(failed).toEqual([]);
      } finally {
        await browser.close();
      }
    }, 60_000);
  });
});

describe('link check under a base path', () => {
  test('a broken Markdown link is reported at its line, and a link that already has /blog/ is broken', async () => {
    const site = await tempSite('subpath');
    try {
      const file = path.join(site.root, 'content', 'second-post.md');
      await writeFile(file, `${await readFile(file, 'utf8')}\nSee [the tag](/blog/tags/tech/).\n`);
      const error = await build(site.config, { write: false }).then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(RenderError);
      expect((error as RenderError).message).toBe('Broken internal link /blog/blog/tags/tech/: no page at blog/tags/tech/index.html');
      expect((error as RenderError).file).toBe('content/second-post.md');
      expect((error as RenderError).line).toBe(9);
    } finally {
      await site.cleanup();
    }
  }, 60_000);
});

describe('site.baseUrl left at the placeholder', () => {
  test('a publishing build warns once, naming the key, and still writes the feeds and sitemap', async () => {
    const site = await tempSite('subpath');
    try {
      await writeFile(path.join(site.root, 'proofpress.config.json'), JSON.stringify({ site: { title: 'No address' } }));
      const config = resolveConfig(site.root, { useCache: false });
      const warnings: ProofpressError[] = [];
      await build(config, { reporter: { step: () => {}, example: () => {}, info: () => {}, warning: (warning) => warnings.push(warning) } });
      const about = warnings.filter((warning) => warning.message.includes('site.baseUrl'));
      expect(about).toHaveLength(1);
      expect(about[0]).toBeInstanceOf(ConfigError);
      expect(about[0]!.message).toContain('http://localhost:8080/');
      expect(about[0]!.file).toBe('proofpress.config.json');
      expect(await readFile(path.join(config.outDir, 'sitemap.xml'), 'utf8')).toContain('<loc>http://localhost:8080/</loc>');
      expect(await readFile(path.join(config.outDir, 'atom.xml'), 'utf8')).toContain('http://localhost:8080/');
    } finally {
      await site.cleanup();
    }
  }, 60_000);

  test('a build with a real baseUrl does not warn', async () => {
    const site = await tempSite('subpath');
    try {
      const warnings: ProofpressError[] = [];
      await build(site.config, { reporter: { step: () => {}, example: () => {}, info: () => {}, warning: (warning) => warnings.push(warning) } });
      expect(warnings.filter((warning) => warning.message.includes('site.baseUrl'))).toEqual([]);
    } finally {
      await site.cleanup();
    }
  }, 60_000);
});

/** Every URL-valued attribute of every element, as an HTML parser reads the page. */
function urlAttributes(html: string): { name: string; value: string }[] {
  const found: { name: string; value: string }[] = [];
  const visit = (node: ReturnType<typeof parse> | { childNodes?: unknown[]; attrs?: { name: string; value: string }[]; content?: unknown; tagName?: string }) => {
    const element = node as { childNodes?: unknown[]; attrs?: { name: string; value: string }[]; content?: { childNodes?: unknown[] }; tagName?: string };
    for (const attr of element.attrs ?? []) {
      if (['href', 'src', 'action', 'poster'].includes(attr.name)) found.push(attr);
      if (attr.name === 'srcset') for (const candidate of attr.value.split(',')) found.push({ name: 'srcset', value: candidate.trim().split(/\s+/)[0]! });
      if (element.tagName === 'meta' && attr.name === 'content' && /url=/i.test(attr.value)) found.push({ name: 'refresh', value: attr.value.replace(/^.*url=/i, '') });
    }
    for (const child of [...(element.childNodes ?? []), ...(element.content?.childNodes ?? [])]) visit(child as typeof element);
  };
  visit(parse(html));
  return found;
}

/** A static host that serves `dir` at `base` only, as GitHub Pages serves a project site: anything outside it is a 404. */
function serveUnder(base: string, dir: string): Server {
  return createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://host.invalid').pathname);
    if (!pathname.startsWith(base) || pathname.includes('..')) return void response.writeHead(404).end();
    const relative = pathname.slice(base.length);
    const file = relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
    try {
      const body = await readFile(path.join(dir, file));
      response.writeHead(200, { 'Content-Type': contentTypeOf(file) }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
}
