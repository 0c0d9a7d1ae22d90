// `proofpress dev` as a writer uses it: a real process, real HTTP, real saves, and Chromium with the page open.
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, NO_CHROMIUM } from './helpers/chromium.ts';
import { type CliServer, startCliServer } from './helpers/cli-server.ts';
import { pidsMatching } from './helpers/processes.ts';
import { fixturePath, REPO_ROOT } from './helpers/project.ts';

const POST = 'content/greeting.md';
const ARTIFACTS = path.join(REPO_ROOT, 'test', 'artifacts');
const POST_URL = '2024/05/01/greeting/';
const SENTENCE = 'This sentence is the one the dev server test edits.';
/** The bound for a sentence edit to show, with every example a cache hit. */
const SENTENCE_MS = 1_000;
/** What a rebuild may add to an example's own run time: debounce, loading and rendering, a sandbox's start. */
const BUILD_OVERHEAD_MS = 2_500;

let root: string;
let server: CliServer;
let browser: Browser | undefined;
let page: Page | undefined;
/** The pid of the node process that runs the dev server (below npx and tsx): its sandboxes are named after it. */
let devPid: number;

if (NO_CHROMIUM) console.warn(`dev.test.ts: the Chromium tests are skipped. ${NO_CHROMIUM}`);

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'proofpress-dev-test-'));
  await cp(fixturePath('sites', 'dev'), root, { recursive: true });
  server = await startCliServer('dev', root);
  // The first build runs both examples and caches their passes, so later sentence edits are cache hits.
  await server.waitForOutput(/✓ Built in \d+ ms: 2 examples ran, 0 cached/);
  devPid = pidsMatching(root).find((pid) => /preflight|loader/.test(cmdline(pid)))!;
  if (!NO_CHROMIUM) browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** Replace `from` with `to` in the post, as an editor's save does; returns when the file was written. */
async function edit(from: string, to: string): Promise<number> {
  const file = path.join(root, POST);
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${POST} has no ${JSON.stringify(from)}`);
  await writeFile(file, text.replace(from, to));
  return Date.now();
}

/** Fetch `url` every 20 ms until `accept(body)`; the time it took from `since`. */
async function fetchUntil(url: string, accept: (body: string, status: number) => boolean, since: number, timeoutMs = 30_000): Promise<{ body: string; ms: number }> {
  let last = '';
  while (Date.now() - since < timeoutMs) {
    const response = await fetch(url);
    last = await response.text();
    if (accept(last, response.status)) return { body: last, ms: Date.now() - since };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${url} did not change as expected within ${timeoutMs} ms; it served:\n${last.slice(0, 2000)}\nThe dev server printed:\n${server.output()}`);
}

/** The figure of greet.py, the example the tests edit, on the post page as served. */
function figureOf(body: string): string {
  return /<figure class="example"[^>]*data-file="greet\.py"[\s\S]*?<\/figure>/.exec(body)?.[0] ?? '';
}

/** Whether greet.py's figure says `status`. */
const greetIs = (status: string) => (body: string) => figureOf(body).includes(`data-example-status="${status}"`);

/** The same figure in Chromium. */
const GREET = 'figure[data-file="greet.py"]';

describe('dev', () => {
  test('an edited sentence is served within 1 s, the example coming from the cache', async () => {
    const before = await fetch(server.url + POST_URL);
    expect(before.status).toBe(200);
    expect(await before.text()).toContain(SENTENCE);
    const saved = await edit(SENTENCE, 'This sentence was edited once.');
    const { ms } = await fetchUntil(server.url + POST_URL, (body) => body.includes('This sentence was edited once.'), saved);
    console.info(`dev: sentence edit → page served in ${ms} ms`);
    expect(ms).toBeLessThan(SENTENCE_MS);
    await server.waitForOutput(/Rebuilt in \d+ ms: 0 examples ran, 2 cached/);
  });

  test.skipIf(NO_CHROMIUM)('an open page in Chromium reloads by itself after an edit and shows it', async () => {
    page = await browser!.newPage();
    await page.goto(server.url + POST_URL);
    await page.evaluate(() => ((window as unknown as { loadedBeforeEdit: boolean }).loadedBeforeEdit = true));
    let navigations = 0;
    page.on('framenavigated', (frame) => frame === page!.mainFrame() && navigations++);
    const saved = await edit('This sentence was edited once.', 'This sentence was edited twice.');
    await page.getByText('This sentence was edited twice.').waitFor({ timeout: 10_000 });
    console.info(`dev: sentence edit → Chromium showed it in ${Date.now() - saved} ms`);
    // A new document: the marker set before the edit is gone, so the page reloaded, nobody patched it.
    expect(await page.evaluate(() => (window as unknown as { loadedBeforeEdit?: boolean }).loadedBeforeEdit)).toBeUndefined();
    // Once, not in a loop: the page reloads only when what it shows changed.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(navigations).toBe(1);
  });

  test('an edit that breaks the example shows the failure on its page (expected vs actual) and the server stays up', async () => {
    const saved = await edit('print("Hello, writer!")', 'print("Goodbye!")');
    const { body, ms } = await fetchUntil(server.url + POST_URL, greetIs('failed'), saved);
    const figure = figureOf(body);
    const runMs = Number(/ in (\d+) ms\./.exec(figure)?.[1]);
    console.info(`dev: example broken → failure served in ${ms} ms (the example ran ${runMs} ms)`);
    expect(ms).toBeLessThan(runMs + BUILD_OVERHEAD_MS);
    // The figure opens its captured output: the diff of expected and actual, and the console.
    expect(figure).toContain('<details class="example-output" open>');
    expect(figure).toContain('Expected (-) vs actual (+)');
    expect(figure).toMatch(/- Hello, writer!\n\+ Goodbye!/);
    expect(figure).toContain('Console (standard output and error)');
    expect((await fetch(server.url)).status).toBe(200);
    // Only the changed example ran again; the other came from the cache.
    await server.waitForOutput(/Rebuilt in \d+ ms: 1 example ran \(1 failed, shown on the page\), 1 cached/);
    expect(server.output()).toContain('⚠ Example failed');
    if (page) {
      // The page left open in Chromium reloaded into the failure by itself.
      await page.locator(`${GREET}[data-example-status="failed"] details.example-output[open]`).waitFor({ timeout: 10_000 });
      expect(await page.locator(`${GREET} .badge`).textContent()).toBe('failed');
      await mkdir(ARTIFACTS, { recursive: true });
      await page.locator(GREET).screenshot({ path: path.join(ARTIFACTS, 'dev-failed-example.png') });
    }
  });

  test('fixing the example makes it verified again', async () => {
    const saved = await edit('print("Goodbye!")', 'print("Hello, writer!")');
    const { body } = await fetchUntil(server.url + POST_URL, greetIs('passed'), saved);
    expect(figureOf(body)).not.toContain('Expected (-) vs actual (+)');
    if (page) await page.locator(`${GREET}[data-example-status="passed"]`).waitFor({ timeout: 10_000 });
  });

  test('a build error shows an error page, which turns back into the site when fixed', async () => {
    const broken = await edit('title: A greeting that is checked', 'title: [A greeting that is checked');
    const { body } = await fetchUntil(server.url + POST_URL, (_text, status) => status === 500, broken);
    expect(body).toContain('Cannot read the front matter');
    expect(body).toContain(`File: ${POST}:`);
    expect(body).toContain('data-proofpress-dev');
    if (page) await page.getByText('The site did not build').waitFor({ timeout: 10_000 });
    // The stylesheet of the last good build is still served.
    expect((await fetch(`${server.url}assets/style.css`)).status).toBe(200);
    const fixed = await edit('title: [A greeting that is checked', 'title: A greeting that is checked');
    await fetchUntil(server.url + POST_URL, (text, status) => status === 200 && text.includes('This sentence was edited'), fixed);
    if (page) await page.locator(`${GREET}[data-example-status="passed"]`).waitFor({ timeout: 10_000 });
  });

  test('Ctrl-C while an example runs stops the server and the example', async () => {
    expect(devPid).toBeGreaterThan(0);
    await edit('print("Hello, writer!")', 'import time\ntime.sleep(30)\nprint("Hello, writer!")');
    // The example's sandbox folder is named after the dev server's pid: wait until its processes run.
    const sandboxes = path.join(tmpdir(), `proofpress-${devPid}-`);
    const deadline = Date.now() + 15_000;
    while (pidsMatching(sandboxes).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pidsMatching(sandboxes).length).toBeGreaterThan(0);
    const stopped = Date.now();
    expect([0, 'SIGINT']).toContain(Object.values(await server.stop()).find((value) => value !== undefined));
    expect(Date.now() - stopped).toBeLessThan(5_000);
    expect(server.output()).toContain('Stopping (Ctrl-C)');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pidsMatching(sandboxes)).toEqual([]);
    expect(pidsMatching(root)).toEqual([]);
    await expect(fetch(server.url)).rejects.toThrow();
  });
});
