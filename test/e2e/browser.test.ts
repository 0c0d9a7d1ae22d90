// End to end in Debian's Chromium: a reader browses the built site, copies examples, opens output, in both schemes and on a phone.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Example } from '../../src/examples/extract.ts';
import { figureId } from '../../src/render/example-figure.ts';
import { type BuiltSite, buildSite } from '../helpers/built-site.ts';
import { REPO_ROOT } from '../helpers/project.ts';
import * as tools from '../helpers/tools.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

// Debian's Chromium, found as every browser test finds it; without it these tests are skipped, saying why
// (PROOFPRESS_REQUIRE_TOOLS, set by .ci/run, makes that a failure).
const browserTool = await tools.chromium();
// This machine's network is closed: without the background-networking flags Chromium keeps trying
// (and failing) to reach Google's hosts. --no-sandbox because CI runs as root.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = path.join(REPO_ROOT, 'test', 'artifacts');
const POST_TITLE = "'Hello World' with WSGI";
const POST_PATH = '/2006/08/31/a-very-simple-introduction-to-wsgi/';
/** How long to wait for what a page does by itself after an action (a script answering a click): a bound, never a sleep. */
const WAIT = 15_000;

let site: BuiltSite;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let examples: Example[];
const requests: string[] = [];
/** Origins of the static servers the tests start: the only places a page may reach. */
const origins: string[] = [];

beforeAll(async () => {
  // Nothing to open the site in: every test below is skipped, so build nothing either.
  if (browserTool.skip) return;
  site = await buildSite('wsgi-python3', { write: true });
  examples = site.result.posts[0]!.examples;
  server = await serveStatic(site.config.outDir);
  origins.push(server.origin);
  browser = await chromium.launch({ executablePath: browserTool.found!.executable, args: CHROMIUM_ARGS });
  context = await newContext();
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await site?.cleanup();
});

async function newContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const created = await browser.newContext({ baseURL: server.origin, ...options });
  await created.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  created.on('request', (request) => requests.push(request.url()));
  return created;
}

/** Wait until `page` has left `from` and the page it went to has loaded. A click does not wait for the
 * navigation it starts; `load` comes after the deferred scripts (copy.js, Pagefind) and DOMContentLoaded. */
async function leave(page: Page, from: string): Promise<void> {
  await page.waitForURL((url) => url.pathname !== from, { waitUntil: 'load' });
}

/** From the home page, follow the link to the post and wait until it has loaded. */
async function openPost(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: POST_TITLE }).first().click();
  await leave(page, '/');
  expect(await page.locator('h1').first().textContent()).toBe(POST_TITLE);
}

/** The example shown in the figure with `id`, from the build's own records. */
function exampleOf(predicate: (example: Example) => boolean): Example {
  const found = examples.find(predicate);
  if (!found) throw new Error('no such example in the built article');
  return found;
}

async function clipboardAfterClicking(page: Page, example: Example, press?: 'Enter' | 'Space'): Promise<string> {
  const figure = page.locator(`#${figureId(example)}`);
  const button = figure.locator('.copy-button');
  // copy.js shows the button (and its status); without it they stay hidden and this fails.
  await button.waitFor({ state: 'visible', timeout: WAIT });
  const status = await figure.getByRole('status').elementHandle({ timeout: WAIT });
  // Something else on the clipboard first (it is the browser's, shared by every page), so an earlier copy
  // cannot pass for this one.
  await page.evaluate(() => navigator.clipboard.writeText('(the clipboard before the click)'));
  if (press) {
    await button.focus();
    await page.keyboard.press(press);
  } else {
    await button.click();
  }
  // copy.js writes the status once the clipboard write has resolved, and empties it 2 s later: wait in the
  // page, every frame, for its answer (whatever it is) instead of polling it over the wire, then check it.
  const answer = await page.waitForFunction((element) => element?.textContent || false, status, { timeout: WAIT });
  expect(await answer.jsonValue()).toBe('Copied');
  return page.evaluate(() => navigator.clipboard.readText());
}

interface ParsedLayout {
  searchMounted: boolean;
  tops: number[];
}

/** Where the main column and every example head stand in the document (not the viewport), and whether Pagefind's UI is there yet. */
const layoutNow = (): ParsedLayout => ({
  searchMounted: document.querySelector('#search .pagefind-ui') !== null,
  tops: [...document.querySelectorAll('main, .example-head')].map((element) => element.getBoundingClientRect().top + scrollY),
});

/** An init script (it runs before the page's own): record `layoutNow()` at DOMContentLoaded, before the page's
 * own listener mounts Pagefind's search box, and every layout shift Chromium reports from the start. */
const RECORD_LAYOUT = `
window.__layoutShifts = [];
new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__layoutShifts.push(entry.value); }).observe({ type: 'layout-shift', buffered: true });
addEventListener('DOMContentLoaded', () => { window.__parsedLayout = (${layoutNow.toString()})(); });
`;

describe.skipIf(browserTool.skip)(`e2e/browser${browserTool.because}`, () => {
  test('a reader goes from the home page to the post, its tag page and the Atom feed', async () => {
    const page = await context.newPage();
    await openPost(page);
    expect(new URL(page.url()).pathname).toBe(POST_PATH);

    await page.locator('a[rel="tag"]', { hasText: 'Tech' }).first().click();
    await leave(page, POST_PATH);
    expect(new URL(page.url()).pathname).toBe('/tags/tech/');
    expect(await page.locator('h1').first().textContent()).toContain('Tech');
    expect(await page.getByRole('link', { name: POST_TITLE }).count()).toBeGreaterThan(0);

    // The tag page has loaded, so counting is no race.
    const inHead = page.locator('link[rel="alternate"][type="application/atom+xml"]');
    const visible = page.locator('a[href$=".xml"]');
    const head = (await inHead.count()) > 0 ? await inHead.first().getAttribute('href') : null;
    const linked = (await visible.count()) > 0 ? await visible.first().getAttribute('href') : null;
    const feedUrl = head ?? linked;
    expect(feedUrl, 'the tag page links no Atom feed (<link rel="alternate" type="application/atom+xml"> or a visible .xml link)').toBeTruthy();
    const response = await page.goto(feedUrl!);
    expect(response?.status()).toBe(200);
    const xml = await response!.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<feed');
    await page.close();
  });

  test('the copy button copies a code example exactly as it ran', async () => {
    const page = await context.newPage();
    await openPost(page);
    const simpletest = exampleOf((example) => example.spec.file === 'simpletest.py');
    const button = page.locator(`#${figureId(simpletest)} .copy-button`);
    // Hidden in the HTML; only copy.js (deferred) shows it, so wait for it rather than look once.
    await button.waitFor({ state: 'visible', timeout: WAIT });
    expect(await button.isVisible()).toBe(true);
    expect(await button.getAttribute('type')).toBe('button');
    await expect.poll(() => page.getByRole('button', { name: 'Copy simpletest.py' }).count(), { timeout: WAIT }).toBe(3);
    expect(await clipboardAfterClicking(page, simpletest)).toBe(simpletest.code);
    await page.close();
  });

  test('a console block copies only its commands, from the keyboard too', async () => {
    const page = await context.newPage();
    await openPost(page);
    const install = exampleOf((example) => example.spec.lang === 'console');
    const copied = await clipboardAfterClicking(page, install, 'Enter');
    expect(copied).toBe('sudo easy_install wsgiref');
    expect(copied).not.toContain('$ ');
    await page.close();
  });

  test('copying causes no layout shift', async () => {
    const page = await context.newPage();
    await page.addInitScript(RECORD_LAYOUT);
    await openPost(page);
    // Pagefind mounts its search box in the header after the page is parsed (at DOMContentLoaded). Nothing
    // below it may move: compare with where everything stood just before it mounted.
    await page.locator('#search .pagefind-ui__search-input').waitFor({ state: 'visible', timeout: WAIT });
    const parsed = await page.evaluate(() => (window as unknown as { __parsedLayout: ParsedLayout }).__parsedLayout);
    expect(parsed.searchMounted, 'measured before the search box mounted').toBe(false);
    expect(await page.evaluate(layoutNow), 'the search box moved the page when it mounted').toEqual({ ...parsed, searchMounted: true });

    const example = exampleOf((candidate) => candidate.spec.file === 'simpletest.py');
    const head = page.locator(`#${figureId(example)} .example-head`);
    await head.scrollIntoViewIfNeeded();
    const before = await head.boundingBox();
    const buttonBefore = await head.locator('.copy-button').boundingBox();
    await clipboardAfterClicking(page, example);
    expect(await head.boundingBox()).toEqual(before);
    expect(await head.locator('.copy-button').boundingBox()).toEqual(buttonBefore);
    // Chromium's own record (Layout Instability API): no visible element moved, from the first paint on.
    expect(await page.evaluate(() => (window as unknown as { __layoutShifts: number[] }).__layoutShifts)).toEqual([]);
    await page.locator(`#${figureId(example)}`).screenshot({ path: path.join(ARTIFACTS, 'copied.png') });
    await page.close();
  });

  test('selecting the code picks up no line numbers', async () => {
    const page = await context.newPage();
    await openPost(page);
    const example = exampleOf((candidate) => candidate.spec.file === 'simpletest.py');
    const selected = await page.evaluate((id) => {
      const code = document.querySelector(`#${id} pre.line-numbers code`)!;
      const range = document.createRange();
      range.selectNodeContents(code);
      const selection = getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return selection.toString();
    }, figureId(example));
    expect(selected).toBe(example.code.replace(/\n$/, ''));
    await page.close();
  });

  test('an output panel opens to the HTTP response as received and the server console', async () => {
    const page = await context.newPage();
    await openPost(page);
    const example = exampleOf((candidate) => candidate.spec.expect === 'My Own Hello World!' && candidate.spec.run === 'http');
    const panel = page.locator(`#${figureId(example)} details.example-output`);
    expect(await panel.evaluate((details: HTMLDetailsElement) => details.open)).toBe(false);
    await panel.locator('summary').click();
    expect(await panel.evaluate((details: HTMLDetailsElement) => details.open)).toBe(true);
    const response = panel.locator('pre.output').first();
    expect(await response.isVisible()).toBe(true);
    const text = (await response.textContent())!;
    expect(text.startsWith('HTTP/1.0 200 OK\n')).toBe(true);
    expect(text).toContain('\n\nMy Own Hello World!\n');
    expect(await panel.getByText('Server console').isVisible()).toBe(true);
    await page.close();
  });

  test('a link to a file that ran beside an example opens its collapsed support panel', async () => {
    const page = await context.newPage();
    await openPost(page);
    const server = exampleOf((example) => example.spec.file === 'server.fcgi');
    const app = exampleOf((example) => example.spec.file === 'myapplication.py');
    const support = page.locator('details.support-file', { has: page.locator(`#${figureId(app)}`) });
    expect(await support.evaluate((details: HTMLDetailsElement) => details.open)).toBe(false);
    await page.locator(`#${figureId(server)} .companions a`, { hasText: 'myapplication.py' }).click();
    await expect.poll(() => support.evaluate((details: HTMLDetailsElement) => details.open), { timeout: WAIT }).toBe(true);
    expect(await page.locator(`#${figureId(app)}`).isVisible()).toBe(true);
    await page.close();
  });

  test('without JavaScript the page reads fine and shows no dead copy button', async () => {
    const noScript = await newContext({ javaScriptEnabled: false });
    const page = await noScript.newPage();
    await page.goto(POST_PATH);
    expect(await page.locator('.copy-button').first().isVisible()).toBe(false);
    expect(await page.locator('pre.shiki').first().isVisible()).toBe(true);
    await noScript.close();
  });

  test('on a 375px phone the page does not scroll sideways, even with every panel open', async () => {
    const phone = await newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await page.goto(POST_PATH);
    await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: path.join(ARTIFACTS, 'post-phone.png'), fullPage: true });
    await phone.close();
  });

  test('every page of the site fits a 375px phone', async () => {
    const phone = await newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    // Redirect pages (meta refresh) leave before they can be measured; the post has its own test above.
    const pages = site.result.files.filter((file) => file.path.endsWith('.html') && !String(file.content).includes('http-equiv="refresh"'));
    const tooWide: string[] = [];
    for (const file of pages) {
      const url = `/${file.path.replace(/(^|\/)index\.html$/, '$1')}`;
      await page.goto(url);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 375) tooWide.push(`${url}: ${width}px`);
      await page.screenshot({ path: path.join(ARTIFACTS, `phone-${file.path.replace(/\//g, '_').replace(/\.html$/, '')}.png`), fullPage: true });
    }
    expect(tooWide).toEqual([]);
    await phone.close();
  });

  test('the post is screenshotted in the light and dark schemes', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.goto(POST_PATH);
    // One output panel and one support panel open, so the screenshots show them too.
    await page.locator('details.example-output summary').first().click();
    await page.locator('details.support-file > summary').last().click();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(13, 17, 23)');
      await page.screenshot({ path: path.join(ARTIFACTS, `post-${scheme}.png`), fullPage: true });
    }
    await page.goto('/verification/');
    await page.screenshot({ path: path.join(ARTIFACTS, 'verification-dark.png'), fullPage: true });
    await page.close();
  });

  describe('a post shown in two versions (the variants fixture)', () => {
    const VARIANT_PAGE = '/2015/03/01/greeting/';
    let variants: BuiltSite;
    let variantServer: StaticServer;

    beforeAll(async () => {
      variants = await buildSite('variants', { write: true });
      variantServer = await serveStatic(variants.config.outDir);
      origins.push(variantServer.origin);
    });
    afterAll(async () => {
      await variantServer?.close();
      await variants?.cleanup();
    });

    test('without JavaScript, a reader opens the other version from the keyboard and sees its diff and figure', async () => {
      const noScript = await newContext({ javaScriptEnabled: false, baseURL: variantServer.origin });
      const page = await noScript.newPage();
      await page.goto(VARIANT_PAGE);
      const original = page.locator('#example-1');
      const panel = page.locator('.variants', { has: original }).locator('details.variant');
      const port = panel.locator(':scope > figure.example');
      expect(await original.isVisible()).toBe(true);
      expect(await port.isVisible()).toBe(false);
      const summary = panel.locator(':scope > summary');
      expect(await summary.textContent()).toMatch(/^f-string version verified 1 line changed · ran with Python 3\.\d+\.\d+$/);
      await summary.focus();
      await page.keyboard.press('Enter');
      expect(await port.isVisible()).toBe(true);
      expect(await panel.locator('pre.code-diff ins').textContent()).toBe('+print(f"Hello, {name}!")');
      await page.screenshot({ path: path.join(ARTIFACTS, 'variant-open.png'), fullPage: true });
      await noScript.close();
    });

    test('a link from the verification report to a variant\'s figure opens its panel', async () => {
      const page = await context.newPage();
      await page.goto(`${variantServer.origin}/verification/`);
      await page.locator('a[href$="#greeting-f-strings-example-4"]').click();
      await leave(page, '/verification/');
      await expect.poll(() => page.locator('#greeting-f-strings-example-4').isVisible(), { timeout: WAIT }).toBe(true);
      await page.close();
    });
  });

  describe('a post using every Markdown feature (the rich-markdown fixture)', () => {
    const RICH_PAGE = '/2024/03/01/rich-markdown/';
    let rich: BuiltSite;
    let richServer: StaticServer;

    beforeAll(async () => {
      rich = await buildSite('rich-markdown', { write: true });
      richServer = await serveStatic(rich.config.outDir);
      origins.push(richServer.origin);
    });
    afterAll(async () => {
      await richServer?.close();
      await rich?.cleanup();
    });

    test('on a 375px phone a wide table scrolls inside its own box, and the page does not scroll sideways', async () => {
      const phone = await newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, baseURL: richServer.origin });
      const page = await phone.newPage();
      await page.goto(RICH_PAGE);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      const table = page.locator('table.markdown-table');
      expect(await table.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
      await page.screenshot({ path: path.join(ARTIFACTS, 'rich-markdown-phone.png'), fullPage: true });
      await phone.close();
    });

    test('typesets math with KaTeX\'s own fonts from the site, in the light and dark schemes', async () => {
      const page = await context.newPage();
      const failed: string[] = [];
      page.on('response', (response) => (response.status() >= 400 ? failed.push(response.url()) : undefined));
      await page.setViewportSize({ width: 1000, height: 900 });
      await page.goto(`${richServer.origin}${RICH_PAGE}`, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      expect(await page.evaluate(() => document.fonts.check('1em KaTeX_Main') && [...document.fonts].some((font) => font.family === 'KaTeX_Main' && font.status === 'loaded'))).toBe(true);
      // The MathML half is for screen readers and feeds: KaTeX's stylesheet hides it on the page.
      expect(await page.locator('.katex-mathml').first().evaluate((element) => element.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: path.join(ARTIFACTS, `rich-markdown-${scheme}.png`), fullPage: true });
      }
      expect(failed).toEqual([]);
      await page.close();
    });
  });

  test('no request left 127.0.0.1', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !origins.some((origin) => url.startsWith(`${origin}/`)) && !/^(data|blob|about):/.test(url))).toEqual([]);
  });
});
