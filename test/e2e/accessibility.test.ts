// End to end in Chromium: axe-core finds nothing serious on any page of the seed blog and the fixture blogs, in both
// schemes; the search box is labelled and its placeholder readable; report paths wrap only after a slash; screenshots.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BuiltSite, buildSite } from '../helpers/built-site.ts';
import { launchChromium, NO_CHROMIUM } from '../helpers/chromium.ts';
import { contrastRatio } from '../helpers/contrast.ts';
import { fixturePath, REPO_ROOT } from '../helpers/project.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const ARTIFACTS = path.join(REPO_ROOT, 'test', 'artifacts');
const WAIT = 15_000;
/** The sites checked: the repo's own posts, the rich-markdown fixture, and the every-feature showcase once it exists. */
const SITES = ['content', 'rich-markdown', ...(existsSync(fixturePath('sites', 'showcase')) ? ['showcase'] : [])];

interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core's violations of `page` (as loaded), serious and critical only. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  });
}

/** Every page of a built site a reader can land on (redirect stubs leave before they can be checked). */
function pageUrls(site: BuiltSite): string[] {
  return site.result.files
    .filter((file) => file.path.endsWith('.html') && !String(file.content).includes('http-equiv="refresh"'))
    .map((file) => `/${file.path.replace(/(^|\/)index\.html$/, '$1')}`);
}

/** `rgb(87, 96, 106)` / `rgba(…, a)` as #rrggbb, blended by `opacity` (and its own alpha) over `background`. */
function blend(color: string, opacity: number, background: string): string {
  const [r, g, b, a = 1] = color.match(/[\d.]+/g)!.map(Number) as [number, number, number, number?];
  const [br, bg, bb] = background.match(/[\d.]+/g)!.map(Number) as [number, number, number];
  const alpha = a * opacity;
  return `#${[r * alpha + br * (1 - alpha), g * alpha + bg * (1 - alpha), b * alpha + bb * (1 - alpha)].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

let browser: Browser;
beforeAll(async () => {
  if (NO_CHROMIUM) return;
  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
});
afterAll(() => browser?.close());

describe.skipIf(NO_CHROMIUM)(`e2e/accessibility${NO_CHROMIUM ? ` (skipped: ${NO_CHROMIUM})` : ''}`, () => {
  describe.each(SITES)('the %s blog', (source) => {
    let site: BuiltSite;
    let server: StaticServer;
    // A site whose baseUrl has a path (the showcase: /showcase/) is served, and visited, under it.
    let at = (url: string) => url;
    beforeAll(async () => {
      site = await buildSite(source, { write: true });
      const base = new URL(site.config.site.baseUrl).pathname;
      server = await serveStatic(site.config.outDir, base);
      at = (url) => `${base.replace(/\/$/, '')}${url}`;
    });
    afterAll(async () => {
      await server?.close();
      await site?.cleanup();
    });

    test.each(['light', 'dark'] as const)('axe-core finds no serious or critical violation on any page (%s scheme)', async (scheme) => {
      const context = await browser.newContext({ baseURL: server.origin, colorScheme: scheme });
      const page = await context.newPage();
      const found: string[] = [];
      const urls = pageUrls(site);
      expect(urls.length).toBeGreaterThan(3);
      for (const url of urls) {
        await page.goto(at(url), { waitUntil: 'load' });
        // Checked with Pagefind's search box mounted: it is on every page.
        await page.locator('#search .pagefind-ui__search-input').waitFor({ state: 'attached', timeout: WAIT });
        for (const violation of await seriousViolations(page)) found.push(`${url} ${violation.impact} ${violation.id} (${violation.help}): ${violation.targets.join(', ')}`);
      }
      expect(found).toEqual([]);
      await context.close();
    });

    test('the search box is labelled and its placeholder is readable in both schemes', async () => {
      for (const scheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ baseURL: server.origin, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(at('/'), { waitUntil: 'load' });
        const input = page.getByRole('textbox', { name: 'Search this site' });
        await input.waitFor({ state: 'visible', timeout: WAIT });
        const colours = await input.evaluate((element) => {
          const placeholder = getComputedStyle(element, '::placeholder');
          return { color: placeholder.color, opacity: Number(placeholder.opacity), background: getComputedStyle(element).backgroundColor };
        });
        const ratio = contrastRatio(blend(colours.color, colours.opacity, colours.background), blend(colours.background, 1, colours.background));
        expect(ratio, `placeholder ${colours.color} at opacity ${colours.opacity} on ${colours.background} (${scheme})`).toBeGreaterThanOrEqual(4.5);
        await context.close();
      }
    });

    test('on a 375px phone the verification report breaks a source path only after a slash', async () => {
      const phone = await browser.newContext({ baseURL: server.origin, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
      const page = await phone.newPage();
      await page.goto(at('/verification/'));
      const parts = page.locator('.report-table td code .path-part');
      expect(await parts.count()).toBeGreaterThan(0);
      // Each part (`content/`, `hello-world-with-wsgi.md:29`) stays on one line; only the <wbr> after a slash may wrap.
      const split = await parts.evaluateAll((elements) => elements.filter((element) => element.getClientRects().length !== 1).map((element) => element.textContent));
      expect(split).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await phone.close();
    });
  });

  // The every-feature showcase, once it exists, is screenshotted as the other fixture posts are (browser.test.ts).
  test.skipIf(!SITES.includes('showcase'))('the showcase post is screenshotted in the light and dark schemes and on a phone', async () => {
    const site = await buildSite('showcase', { write: true });
    const base = new URL(site.config.site.baseUrl).pathname;
    const server = await serveStatic(site.config.outDir, base);
    try {
      const post = site.result.files.find((file) => /^\d{4}\/.*index\.html$/.test(file.path));
      expect(post, 'the showcase has a post').toBeDefined();
      const url = `/${post!.path.replace(/index\.html$/, '')}`;
      for (const scheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ baseURL: server.origin, colorScheme: scheme, viewport: { width: 1000, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${base.replace(/\/$/, '')}${url}`, { waitUntil: 'load' });
        await page.screenshot({ path: path.join(ARTIFACTS, `showcase-${scheme}.png`), fullPage: true });
        await context.close();
      }
      const phone = await browser.newContext({ baseURL: server.origin, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
      const page = await phone.newPage();
      await page.goto(`${base.replace(/\/$/, '')}${url}`, { waitUntil: 'load' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.screenshot({ path: path.join(ARTIFACTS, 'showcase-phone.png'), fullPage: true });
      await phone.close();
    } finally {
      await server.close();
      await site.cleanup();
    }
  });
});
