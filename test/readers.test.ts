// What a reader sees of verification: shown-only blocks as plain labelled code, real reasons kept, counts on lists, report paths.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../src/build.ts';
import { resolveConfig } from '../src/config/resolve.ts';
import { type BuiltSite, buildSite } from './helpers/built-site.ts';
import { fixturePath, REPO_ROOT } from './helpers/project.ts';

const PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
const cleanups: (() => Promise<void>)[] = [];
afterAll(() => Promise.all(cleanups.map((cleanup) => cleanup())));

async function built(source: string, overrides: Parameters<typeof buildSite>[1] = {}): Promise<BuiltSite> {
  const site = await buildSite(source, overrides);
  cleanups.push(site.cleanup);
  return site;
}

function page(result: BuildResult, test: (file: string) => boolean): string {
  const file = result.files.find((candidate) => test(candidate.path));
  if (!file) throw new Error('no such page in the build');
  return String(file.content);
}

/** Every `<figure class="example">…</figure>` whose opening tag matches `attributes`. */
function figures(html: string, attributes: RegExp): string[] {
  return (html.match(/<figure class="example"[^>]*>[\s\S]*?<\/figure>/g) ?? []).filter((figure) => attributes.test(figure.slice(0, figure.indexOf('>'))));
}

describe('readers: the seed blog', () => {
  let seed: BuiltSite;
  let post: string;
  beforeAll(async () => {
    seed = await built('content');
    post = page(seed.result, (file) => file.startsWith('2006/') && file.endsWith('index.html'));
  });

  test('shows a run=none block as plain code labelled "command" (or "code"), with no author markup', () => {
    expect(post).not.toContain('run=none');
    expect(post).not.toContain('Not run');
    expect(post).not.toContain('shown only');
    const shown = figures(post, /data-run="none" data-line/);
    expect(shown.length).toBeGreaterThan(0);
    // A support file run beside another example (fcgi.py) says so instead; the rest are only shown.
    const onlyShown = shown.filter((candidate) => candidate.includes('data-example-status="skipped"') && !candidate.includes('Ran beside'));
    // The `$ sudo easy_install …` consoles are commands; server.fcgi, written but not run, is code.
    expect(onlyShown.filter((figure) => figure.includes('<span class="example-kind">command</span>')).length).toBe(4);
    expect(onlyShown.filter((figure) => figure.includes('data-file="server.fcgi"')).every((figure) => figure.includes('<span class="example-kind">code</span>'))).toBe(true);
    for (const figure of onlyShown) {
      // The figure's name (its caption) says what the block is; no status line is left to explain.
      expect(figure).toMatch(/<figcaption class="example-head">.*<span class="example-kind">(command|code)<\/span>/);
      expect(figure).not.toContain('class="verification"');
      expect(figure).not.toContain('badge-skipped');
    }
  });

  test('the home page says how many of each post\'s examples were verified, linked to the report', () => {
    const home = page(seed.result, (file) => file === 'index.html');
    // The seed article by its slug: content/ may hold newer posts.
    const article = seed.result.posts.find((candidate) => candidate.parsed.post.slug === 'a-very-simple-introduction-to-wsgi')!;
    const passed = article.verifications.filter((verification) => verification.status === 'passed').length;
    expect(passed).toBeGreaterThan(1);
    expect(home).toContain(`<p class="post-verification"><a href="/verification/#post-a-very-simple-introduction-to-wsgi">${passed} examples verified<span class="visually-hidden">`);
  });

  test('the report breaks a source path only after a slash', () => {
    const report = page(seed.result, (file) => file === 'verification/index.html');
    const cells = [...report.matchAll(/<td><code>(.*?)<\/code><\/td>/g)].map((match) => match[1]!);
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      // content/<wbr>hello-world-with-wsgi.md:29: each unbreakable part ends at a slash, or is the last.
      const parts = [...cell.matchAll(/<span class="path-part">([^<]*)<\/span>/g)].map((match) => match[1]!);
      expect(cell).toBe(parts.map((part) => `<span class="path-part">${part}</span>`).join('<wbr>'));
      expect(parts.slice(0, -1).every((part) => part.endsWith('/'))).toBe(true);
      expect(parts.join('')).toMatch(/^content\/[\w.-]+\.md:\d+$/);
    }
    expect(report).not.toContain('shown only');
  });

  test('reference-style link definitions are listed under their heading, which is never empty', () => {
    const heading = post.match(/<h2[^>]*>References<\/h2>\s*([\s\S]{0,200})/);
    expect(heading, 'the seed post has reference definitions').not.toBeNull();
    expect(heading![1]).toMatch(/^<ul class="link-references">\s*<li>/);
  });
});

describe('readers: a post whose code is all unannotated (the verbatim 2006 seed)', () => {
  let result: BuildResult;
  beforeAll(async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'proofpress-readers-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    await mkdir(path.join(root, 'content'));
    await writeFile(path.join(root, 'content', 'hello-world-with-wsgi.md'), await readFile(fixturePath('seed-verbatim', 'hello-world-with-wsgi.md'), 'utf8'));
    result = await build(resolveConfig(root, { pythonOverride: PYTHON, useCache: false }), { write: false });
  });

  test('labels each block by its kind and never says "not run"', () => {
    const post = page(result, (file) => file.startsWith('2006/') && file.endsWith('index.html'));
    const shown = figures(post, /data-example-status="skipped"/);
    expect(shown.length).toBe(7);
    const kinds = shown.map((figure) => figure.match(/<span class="example-kind">(\w+)<\/span>/)?.[1]);
    // Indented blocks have no language to tell a command from code: each is "code".
    expect(kinds).toEqual(Array(7).fill('code'));
    expect(post).not.toContain('Not run');
    expect(post).not.toContain('no run= attribute');
    expect(post).not.toMatch(/badge-skipped/);
  });

  test('the home page shows no verification line for a post with nothing that runs', () => {
    expect(page(result, (file) => file === 'index.html')).not.toContain('post-verification');
  });
});

describe('readers: blocks not run for a real reason', () => {
  test('still say why (a missing interpreter)', async () => {
    const site = await built('python-missing');
    const post = page(site.result, (file) => file.endsWith('/not-installed/index.html'));
    expect(post).toContain('<p class="verification">Not run: Python 2.5 not found');
    expect(post).toContain('<span class="badge badge-skipped">not run</span>');
    expect(page(site.result, (file) => file === 'index.html')).toContain('>1 example not run<');
  });

  test('a failed example is counted on the home page', async () => {
    const site = await built('failing', { overrides: { onExampleFailure: 'warn' } });
    expect(page(site.result, (file) => file === 'index.html')).toContain('>1 example verified, 1 failed<');
  });
});
