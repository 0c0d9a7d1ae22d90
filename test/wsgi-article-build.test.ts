// A fresh build of the WSGI article (content/'s two files: the 2006 post and its Python 3 port): the 2006 code is
// verified on Python 2.7 as written, the port on Python 3, on one page, each with its diff.
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../src/build.ts';
import { resolveConfig } from '../src/config/resolve.ts';
import { fixturePath, REPO_ROOT } from './helpers/project.ts';
import * as tools from './helpers/tools.ts';

const FILES = ['hello-world-with-wsgi.md', 'hello-world-with-wsgi-python-3.md'];
const PAGE = '2006/08/31/a-very-simple-introduction-to-wsgi/index.html';
const PORT = 'hello-world-with-wsgi-python-3';
// The 2006 post's code runs on Python 2.7 as written: without one (found as the build finds it) these tests are
// skipped, saying why, rather than see its examples published as not run.
const python27 = await tools.python('2.7');
let root: string;
let result: BuildResult;
let page: string;

beforeAll(async () => {
  if (python27.skip) return;
  // Only these two files, so the test does not change with the other posts content/ holds.
  root = await mkdtemp(path.join(tmpdir(), 'proofpress-wsgi-article-'));
  await mkdir(path.join(root, 'content'));
  for (const name of FILES) await cp(path.join(REPO_ROOT, 'content', name), path.join(root, 'content', name));
  // Python 2.7 must be there: a missing one would leave the 2006 code "not run" and this test would say why.
  const config = resolveConfig(root, { useCache: false, pythonOverride: path.join(REPO_ROOT, '.venv', 'bin', 'python'), missingInterpreter: 'error' });
  result = await build(config, { write: false });
  page = String(result.files.find((file) => file.path === PAGE)?.content);
});
afterAll(() => (root ? rm(root, { recursive: true, force: true }) : undefined));

/** The `<figure>` with this id, whole. */
function figure(id: string): string {
  const match = new RegExp(`<figure class="example" id="${id}"[^]*?</figure>`).exec(page);
  if (!match) throw new Error(`no figure #${id} on the page`);
  return match[0];
}

/** The code a figure copies (its <template>), unescaped: what the reader takes away. */
function copiedCode(html: string): string {
  const template = /<template class="copy-text">([^]*?)<\/template>/.exec(html)![1]!;
  return template.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The seed's block whose first line is `first`, as written (six columns of indentation off). */
function seedCode(first: string): string {
  const lines = readFileSync(fixturePath('seed-verbatim', 'hello-world-with-wsgi.md'), 'utf8').split('\n');
  const start = lines.indexOf(`      ${first}`);
  const block: string[] = [];
  for (const line of lines.slice(start)) {
    if (line.trim() !== '' && !line.startsWith('      ')) break;
    block.push(line.trim() === '' ? '' : line.slice(6));
  }
  while (block.at(-1) === '') block.pop();
  return `${block.join('\n')}\n`;
}

const APPS = [
  { name: 'demo_app', index: 2, first: 'from wsgiref.simple_server import make_server, demo_app' },
  { name: 'simple_app', index: 4, first: 'def simple_app(environ, start_response):' },
  { name: 'SimpleApp', index: 5, first: 'class SimpleApp:' },
];

describe.skipIf(python27.skip)(`a fresh build of the WSGI article${python27.because}`, () => {
  test('fails no example and publishes one page for the two files', () => {
    expect(result.verifications.filter((verification) => verification.status === 'failed')).toEqual([]);
    expect(result.files.filter((file) => /^\d{4}\//.test(file.path)).map((file) => file.path)).toEqual([PAGE]);
  });

  test.each(APPS)('shows $name as written in 2006, byte for byte, verified on Python 2.7', ({ index, first }) => {
    const original = figure(`example-${index}`);
    expect(original).toMatch(/^<figure class="example" id="example-\d+" data-example-status="passed" [^>]*data-variant="as written in 2006">/);
    expect(original).toContain(`<p class="verification"><strong>Verified</strong>: ran with Python ${python27.found!.version} · `);
    expect(copiedCode(original)).toBe(seedCode(first));
  });

  test.each(APPS)('shows $name ported, verified on Python 3, with the diff against 2006', ({ index }) => {
    const port = figure(`${PORT}-example-${index}`);
    expect(port).toMatch(/^<figure class="example" id="[^"]+" data-example-status="passed" [^>]*data-variant="Python 3 port">/);
    expect(port).toMatch(/<p class="verification"><strong>Verified<\/strong>: ran with Python 3\.\d+\.\d+ · /);
    const group = page.slice(page.lastIndexOf('<div class="variants">', page.indexOf(`id="example-${index}"`)), page.indexOf(`id="${PORT}-example-${index}"`));
    expect(group).toContain('<del>-print &quot;Serving HTTP on port 8000...&quot;</del>\n<ins>+print(&quot;Serving HTTP on port 8000...&quot;)</ins>');
  });

  test('says in the editor\'s note what the port changed, from the diffs', () => {
    const note = /<aside class="editor-note"[^]*?<\/aside>/.exec(page)![0];
    expect(note).toContain('<code>return [&#39;My Own Hello World!\\n&#39;]</code> → <code>return [b&#39;My Own Hello World!\\n&#39;]</code>');
    expect(note).toContain('<code>yield &#39;My Own Hello world!\\n&#39;</code> → <code>yield b&#39;My Own Hello world!\\n&#39;</code>');
    expect(note).toMatch(/<li>Run in the Python 3 port only: <a href="#example-7"><code>server\.fcgi<\/code><\/a>/);
  });

  test('leaves the 2006 server.fcgi not run, and runs its port behind nginx with the files the article leaves to the reader', () => {
    expect(figure('example-7')).toContain('data-example-status="skipped"');
    expect(figure(`${PORT}-example-8`)).toContain('data-example-status="passed"');
    expect(figure(`${PORT}-example-8`)).toMatch(/Ran with <a href="#[^"]+"><code>myapplication\.py<\/code><\/a> and <a href="#[^"]+"><code>fcgi\.py<\/code><\/a> beside it\./);
  });
});
