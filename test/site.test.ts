// The published site as a whole: a fresh build of a fixture blog has every page, feed, map and redirect, escaped and linked.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import { resolveConfig } from '../src/config/resolve.ts';
import { ConfigError, RenderError } from '../src/errors.ts';
import type { Reporter } from '../src/report/progress.ts';
import { tempSite } from './helpers/project.ts';
import * as tools from './helpers/tools.ts';

// The nginx proofpress itself finds (well-known paths, then PATH), probed and run as one: /usr/sbin is not on every PATH.
const nginx = await tools.nginx();
const COUNTING = '/2024/01/10/counting/';
const XSS_TITLE = '<script>alert(1)</script>';
const ESCAPED_TITLE = '&lt;script&gt;alert(1)&lt;/script&gt;';

let site: Awaited<ReturnType<typeof tempSite>>;
let files: string[] = [];
const read = (file: string) => readFile(path.join(site.config.outDir, file), 'utf8');

beforeAll(async () => {
  site = await tempSite('blog');
  await build(site.config);
  files = (await readdir(site.config.outDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(site.config.outDir, path.join(entry.parentPath, entry.name)))
    .sort();
});
afterAll(() => site?.cleanup());

describe('site: a fresh build of a fixture blog', () => {
  test('writes every page, feed, map, redirect and the search index', () => {
    expect(files.filter((file) => !file.startsWith('pagefind/'))).toEqual([
      '2024/01/10/counting.html',
      '2024/01/10/counting/index.html',
      '2024/02/01/second-post/index.html',
      '2024/03/01/xss/index.html',
      '404.html',
      '_redirects',
      'archives/counting/index.html',
      'assets/copy.js',
      'assets/style.css',
      'atom.xml',
      'favicon.svg',
      'feed.json',
      'index.html',
      'nginx-redirects.conf',
      'page/2/index.html',
      'robots.txt',
      'rss.xml',
      'sitemap.xml',
      'tags/b-bold-b/index.html',
      'tags/index.html',
      'tags/python/index.html',
      'tags/testing/index.html',
      'verification.json',
      'verification/index.html',
    ]);
    expect(files).toEqual(expect.arrayContaining(['pagefind/pagefind-ui.js', 'pagefind/pagefind-ui.css', 'pagefind/pagefind-entry.json']));
  });

  test('leaves out drafts and future-dated posts', async () => {
    const all = (await Promise.all(files.filter((file) => file.endsWith('.html') || file.endsWith('.xml')).map(read))).join('\n');
    expect(all).not.toContain('Unfinished draft');
    expect(all).not.toContain('From the future');
  });

  test('paginates the home page newest first with rel=prev/next', async () => {
    const first = await read('index.html');
    const second = await read('page/2/index.html');
    expect(first.indexOf(ESCAPED_TITLE)).toBeLessThan(first.indexOf('A second post'));
    expect(first).not.toContain('Counting with Python');
    expect(first).toContain('<link rel="next" href="/page/2/">');
    expect(first).toContain('rel="next" href="/page/2/">Older posts');
    expect(second).toContain('<link rel="prev" href="/">');
    expect(second).toContain(`<a href="${COUNTING}">Counting with Python</a>`);
    // Summaries: the front matter's, else the first paragraph, as escaped text.
    expect(first).toContain('<p class="summary">A summary written in the front matter, with &lt;angle brackets&gt; &amp; an ampersand.</p>');
    expect(second).toContain('<p class="summary">Counting to three is the oldest test there is, and this post runs it on every build.</p>');
  });

  test('renders a post page with dates, reading time, tag links, canonical and OpenGraph', async () => {
    const page = await read('2024/02/01/second-post/index.html');
    expect(page).toContain('<time datetime="2024-02-01T00:00:00.000Z">1 February 2024</time> · updated <time datetime="2024-03-05T00:00:00.000Z">5 March 2024</time>');
    expect(page).toContain('<span class="reading-time">1 min read</span>');
    expect(page).toContain('<a rel="tag" href="/tags/python/">Python</a>');
    expect(page).toContain('<link rel="canonical" href="https://blog.example.org/2024/02/01/second-post/">');
    expect(page).toContain('<meta property="og:type" content="article">');
    expect(page).toContain('<meta property="og:site_name" content="Fixture &lt;Blog&gt;">');
    expect(page).toContain('<article class="post" data-pagefind-body>');
    expect(page).toContain(`<a class="post-nav-older" href="${COUNTING}">Counting with Python →</a>`);
  });

  test('writes Atom, RSS and a sitemap that parse as XML, and JSON Feed 1.1, with full content', async () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    for (const file of ['atom.xml', 'rss.xml', 'sitemap.xml']) expect(XMLValidator.validate(await read(file)), file).toBe(true);
    const atom = parser.parse(await read('atom.xml')).feed;
    expect(atom.entry.map((entry: { id: string }) => entry.id)).toEqual([
      'https://blog.example.org/2024/03/01/xss/',
      'https://blog.example.org/2024/02/01/second-post/',
      `https://blog.example.org${COUNTING}`,
    ]);
    expect(atom.entry[2].content['#text']).toContain('data-example-status="passed"');
    expect(parser.parse(await read('rss.xml')).rss.channel.item).toHaveLength(3);
    const sitemap = parser.parse(await read('sitemap.xml')).urlset.url.map((url: { loc: string }) => url.loc);
    expect(sitemap).toEqual(expect.arrayContaining(['https://blog.example.org/', `https://blog.example.org${COUNTING}`, 'https://blog.example.org/page/2/']));
    expect(sitemap.join(' ')).not.toMatch(/404|counting\.html|archives/);
    const json = JSON.parse(await read('feed.json'));
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items).toHaveLength(3);
    expect(json.items[2].content_html).toContain('<figure class="example"');
  });

  test('escapes a title written as markup on every page and in every feed', async () => {
    for (const file of files.filter((name) => /\.(html|xml|json)$/.test(name) && !name.startsWith('pagefind/'))) {
      const text = await read(file);
      expect(text, file).not.toContain(XSS_TITLE);
      expect(text, file).not.toContain('<img src=x');
    }
    for (const file of ['index.html', '2024/03/01/xss/index.html', 'tags/b-bold-b/index.html', 'atom.xml', 'rss.xml']) {
      expect(await read(file), file).toContain(ESCAPED_TITLE);
    }
    expect(await read('2024/03/01/xss/index.html')).toContain(`<title>${ESCAPED_TITLE} · Fixture &lt;Blog&gt;</title>`);
    expect(JSON.parse(await read('feed.json')).items[0].title).toBe(XSS_TITLE);
  });

  test('writes small redirect pages for old paths, and host redirect maps for /?p=ID', async () => {
    const alias = await read('2024/01/10/counting.html');
    expect(alias).toContain(`<meta http-equiv="refresh" content="0; url=${COUNTING}">`);
    expect(alias).toContain(`<link rel="canonical" href="https://blog.example.org${COUNTING}">`);
    expect(alias).toContain('<meta name="robots" content="noindex">');
    expect(alias).toContain(`<a href="${COUNTING}">Counting with Python</a>`);
    expect(await read('archives/counting/index.html')).toContain(`url=${COUNTING}`);
    const redirects = await read('_redirects');
    expect(redirects).toContain(`/ p=7 ${COUNTING} 301!\n`);
    expect(redirects).toContain(`/index.php page_id=42 ${COUNTING} 301!\n`);
    expect(redirects).toContain(`/2024/01/10/counting.html ${COUNTING} 301\n`);
    expect(await read('nginx-redirects.conf')).toContain(`location = / {\n    if ($arg_p = "7") { return 301 ${COUNTING}; }\n}`);
  });

  test('lists every example on /verification/ and in verification.json, linking to its figure', async () => {
    const report = await read('verification/index.html');
    expect(report).toContain(`<a href="${COUNTING}#example-1">count.py</a>`);
    expect(report).toContain('<code><span class="path-part">content/</span><wbr><span class="path-part">counting.md:11</span></code>');
    expect(report).toMatch(/badge-passed">verified<\/span><\/td><td>Python 3\.[\d.]+ · /);
    const [example] = JSON.parse(await read('verification.json'));
    expect(example).toMatchObject({
      status: 'passed',
      cached: false,
      source: 'content/counting.md',
      line: 11,
      file: 'count.py',
      run: 'script',
      url: `${COUNTING}#example-1`,
      post: { title: 'Counting with Python', url: COUNTING, source: 'content/counting.md' },
      runtime: { interpreter: expect.stringMatching(/^Python 3\./) },
      durationMs: expect.any(Number),
    });
  });

  test('writes 404.html without a canonical link, and robots.txt naming the sitemap', async () => {
    const notFound = await read('404.html');
    expect(notFound).toContain('<h1>Page not found</h1>');
    expect(notFound).toContain('<meta name="robots" content="noindex">');
    expect(notFound).not.toContain('rel="canonical"');
    expect(await read('robots.txt')).toContain('Sitemap: https://blog.example.org/sitemap.xml');
  });

  test.skipIf(nginx.skip)(`serves the nginx redirects: /?p=7 moves, / stays${nginx.because}`, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'proofpress-nginx-'));
    const port = await freePort();
    const conf = path.join(dir, 'nginx.conf');
    const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `${name}_temp_path ${dir}/${name};`).join(' ');
    await writeFile(
      conf,
      `daemon off; master_process off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;\nevents {}\nhttp { access_log off; ${temps}\n  server { listen 127.0.0.1:${port}; root ${site.config.outDir};\n    include ${site.config.outDir}/nginx-redirects.conf;\n  }\n}\n`,
    );
    const syntax = await execa(nginx.found!.executable, ['-t', '-c', conf, '-p', dir], { reject: false });
    expect(syntax.stderr).toContain('syntax is ok');
    const server = execa(nginx.found!.executable, ['-c', conf, '-p', dir], { reject: false });
    try {
      const get = (url: string) => fetchWhenUp(`http://127.0.0.1:${port}${url}`);
      const moved = await get('/?p=7');
      expect([moved.status, moved.headers.get('location')]).toEqual([301, `http://127.0.0.1:${port}${COUNTING}`]);
      expect((await get('/index.php?page_id=42')).status).toBe(301);
      expect((await get('/2024/01/10/counting.html')).status).toBe(301);
      const home = await get('/');
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('Fixture &lt;Blog&gt;');
      expect((await get('/?p=8')).status).toBe(200);
    } finally {
      server.kill('SIGKILL');
      await server;
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('site: builds of other fixtures', () => {
  test('includes drafts and future-dated posts when asked', async () => {
    const withDrafts = await tempSite('blog', { drafts: true });
    try {
      const result = await build(withDrafts.config, { write: false });
      const paths = result.files.map((file) => file.path);
      expect(paths).toEqual(expect.arrayContaining(['2024/01/20/draft/index.html', '2999/01/01/future/index.html', 'page/3/index.html']));
    } finally {
      await withDrafts.cleanup();
    }
  });

  test('fails on a broken internal link, naming the post file and line', async () => {
    const broken = await tempSite('broken-link');
    try {
      const error = await build(broken.config).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RenderError);
      expect((error as RenderError).location).toBe('content/links.md:9');
      expect((error as RenderError).message).toBe('Broken internal link /no/such/page/: no page at no/such/page/index.html');
      expect(existsSync(broken.config.outDir)).toBe(false);
    } finally {
      await broken.cleanup();
    }
  });

  test('with linkCheck "warn" and a custom permalink, publishes and warns about each broken link', async () => {
    const blog = await tempSite('blog');
    try {
      const config = { ...blog.config, linkCheck: 'warn' as const, site: { ...blog.config.site, permalink: '/posts/:slug/' } };
      const warnings: string[] = [];
      const reporter: Reporter = { step: () => {}, example: () => {}, info: (message) => warnings.push(message), warning: () => {} };
      const result = await build(config, { write: false, reporter });
      expect(result.files.map((file) => file.path)).toContain('posts/counting/index.html');
      // The fixture's hand-written links follow the default permalink, so each is reported where it is written.
      expect(warnings).toEqual([
        `⚠ broken internal link: content/second-post.md:13: ${COUNTING} (no page at 2024/01/10/counting/index.html)`,
        '⚠ broken internal link: content/counting.md:22: /2024/02/01/second-post/ (no page at 2024/02/01/second-post/index.html)',
        `⚠ broken internal link: content/counting.md:23: ${COUNTING}#example-1 (no page at 2024/01/10/counting/index.html)`,
      ]);
    } finally {
      await blog.cleanup();
    }
  });

  test('rejects a permalink without :slug and a base URL with a query; accepts one with a sub-path', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'proofpress-config-'));
    try {
      await writeFile(path.join(root, 'proofpress.config.json'), JSON.stringify({ site: { permalink: '/:year/' } }));
      expect(() => resolveConfig(root)).toThrow(ConfigError);
      expect(() => resolveConfig(root)).toThrow('`site.permalink` must contain :slug');
      await writeFile(path.join(root, 'proofpress.config.json'), JSON.stringify({ site: { baseUrl: 'https://example.org/blog?x=1' } }));
      expect(() => resolveConfig(root)).toThrow(ConfigError);
      // A GitHub project page lives under a path: accepted, with its final slash (test/base-url.test.ts builds one).
      await writeFile(path.join(root, 'proofpress.config.json'), JSON.stringify({ site: { baseUrl: 'https://example.org/blog' } }));
      expect(resolveConfig(root).site.baseUrl).toBe('https://example.org/blog/');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('gives the WSGI article a p=120 rule in _redirects', async () => {
    const article = await tempSite('wsgi-python3');
    try {
      const result = await build(article.config, { write: false });
      const redirects = String(result.files.find((file) => file.path === '_redirects')?.content);
      expect(redirects).toContain('/ p=120 /2006/08/31/a-very-simple-introduction-to-wsgi/ 301!\n');
    } finally {
      await article.cleanup();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// nginx needs a moment to listen; retry for up to two seconds. Redirects are not followed.
async function fetchWhenUp(url: string): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, { redirect: 'manual' });
    } catch (error) {
      if (attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
