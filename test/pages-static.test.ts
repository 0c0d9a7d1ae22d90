// Pages, static files and images (test/fixtures/sites/pages-static), built for real: pages/about.md, static/ copied
// as is, an image beside a post copied beside its page, <img> sized from the files, and the mistakes each can hold.
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import type { ProofpressError } from '../src/errors.ts';
import { type BuiltSite, buildSite } from './helpers/built-site.ts';
import { fixturePath, tempSite } from './helpers/project.ts';

const POST = '2024/05/01/diagram-post/index.html';
let site: BuiltSite;
const file = (name: string) => site.result.files.find((candidate) => candidate.path === name)?.content;
const text = (name: string) => String(file(name));

beforeAll(async () => {
  site = await buildSite('pages-static', { write: true });
});
afterAll(() => site?.cleanup());

// Build a copy of the fixture after `change`; the error the build throws (or undefined).
async function buildError(change: (root: string) => Promise<void>): Promise<ProofpressError | undefined> {
  const copy = await tempSite('pages-static');
  try {
    await change(copy.root);
    await build(copy.config, { write: false });
    return undefined;
  } catch (error) {
    return error as ProofpressError;
  } finally {
    await copy.cleanup();
  }
}

describe('pages-static: pages, static files and images, built', () => {
  test('publishes static/ as is, byte for byte, and writes it to disk', async () => {
    for (const name of ['favicon.ico', 'files/cv.pdf', 'images/logo.png']) {
      const source = await readFile(fixturePath('sites', 'pages-static', 'static', name));
      expect(Buffer.from(file(name) as Uint8Array).equals(source), name).toBe(true);
      expect((await readFile(path.join(site.config.outDir, name))).equals(source), `${name} on disk`).toBe(true);
    }
  });

  test('copies an image beside its post to beside the post page, sized, with its alt text and title', async () => {
    const source = await readFile(fixturePath('sites', 'pages-static', 'content', 'diagram.png'));
    expect(Buffer.from(file('2024/05/01/diagram-post/diagram.png') as Uint8Array).equals(source)).toBe(true);
    expect(text(POST)).toContain('<img src="/2024/05/01/diagram-post/diagram.png" alt="Architecture diagram" title="The architecture" width="40" height="30">');
  });

  test('sizes an image of static/ referred to by its site path', () => {
    expect(text(POST)).toContain('<img src="/images/logo.png" alt="The logo" width="16" height="16">');
    expect(text('about/index.html')).toContain('<img src="/images/logo.png" alt="The logo" width="16" height="16">');
  });

  test('the home page excerpt shows the copied image at a URL that resolves from the home page', () => {
    expect(text('index.html')).toContain('<img src="/2024/05/01/diagram-post/diagram.png" alt="Architecture diagram" title="The architecture" width="40" height="30">');
  });

  test('renders pages/about.md at /about/ like a post without date, tags or examples, indexed for search', () => {
    const about = text('about/index.html');
    expect(about).toContain('<h1>About</h1>');
    expect(about).toContain('<meta name="description" content="Who writes this blog.">');
    expect(about).toContain('data-pagefind-body');
    expect(about).not.toMatch(/<time|\/tags\/images\//);
    // Code in a page is shown as written: no verification figure claims it ran.
    expect(about).toContain('<pre><code class="language-python">print(&quot;shown, not run&quot;)');
    expect(about).not.toContain('data-example-status');
  });

  test('a page is in the sitemap but not in the feeds or post lists', () => {
    expect(text('sitemap.xml')).toContain('<loc>https://blog.example.org/about/</loc>');
    for (const name of ['atom.xml', 'rss.xml', 'feed.json', 'index.html', 'tags/images/index.html', 'verification/index.html']) {
      expect(text(name), name).not.toContain('I write about WSGI');
      expect(text(name), name).not.toContain('Who writes this blog');
    }
  });
});

describe('pages-static: mistakes', () => {
  test('a missing image beside a post is an error naming file:line, before any example runs', async () => {
    const error = await buildError((root) => rm(path.join(root, 'content', 'diagram.png')));
    expect(error?.name).toBe('SiteFileError');
    expect(error?.message).toBe('Image diagram.png not found: there is no file content/diagram.png');
    expect(error?.location).toBe('content/diagram-post.md:11');
  });

  test('a missing file of static/ referred to by its site path fails the link check at file:line', async () => {
    const error = await buildError((root) => rm(path.join(root, 'static', 'images', 'logo.png')));
    expect(error?.name).toBe('RenderError');
    // The post's excerpt repeats the image on the home, tag and 404 pages; the Markdown lines are what to fix.
    expect(error?.details).toContain('content/diagram-post.md:7: /images/logo.png (no page at images/logo.png)');
    expect(error?.details).toContain('pages/about.md:8: /images/logo.png (no page at images/logo.png)');
  });

  test('an image outside the post\'s folder is an error naming file:line', async () => {
    const error = await buildError(async (root) => {
      const post = path.join(root, 'content', 'diagram-post.md');
      await writeFile(post, (await readFile(post, 'utf8')).replace('(diagram.png "The architecture")', '(../../secret.png)'));
    });
    expect(error?.message).toBe('Image ../../secret.png is outside the folder of content/diagram-post.md');
    expect(error?.location).toBe('content/diagram-post.md:11');
  });

  test('a static file colliding with a page is an error naming both', async () => {
    const error = await buildError(async (root) => {
      await mkdir(path.join(root, 'static', 'about'), { recursive: true });
      await writeFile(path.join(root, 'static', 'about', 'index.html'), '<p>old about page</p>');
    });
    expect(error?.name).toBe('SiteFileError');
    expect(error?.message).toBe('static/about/index.html and a file proofpress generates would both be published as about/index.html');
  });

  test('a static file colliding with a generated page (the tag list) is an error', async () => {
    const error = await buildError(async (root) => {
      await mkdir(path.join(root, 'static', 'tags'), { recursive: true });
      await writeFile(path.join(root, 'static', 'tags', 'index.html'), '<p>my tags</p>');
    });
    expect(error?.message).toBe('static/tags/index.html and a file proofpress generates would both be published as tags/index.html');
  });

  test('static/favicon.svg replaces the built-in icon', async () => {
    const copy = await tempSite('pages-static');
    try {
      await writeFile(path.join(copy.root, 'static', 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
      const result = await build(copy.config, { write: false });
      expect(result.files.filter((candidate) => candidate.path === 'favicon.svg').map((candidate) => Buffer.from(candidate.content).toString())).toEqual(['<svg xmlns="http://www.w3.org/2000/svg"/>']);
    } finally {
      await copy.cleanup();
    }
  });

  test('a page whose slug is taken by a generated page is an error naming the page', async () => {
    const error = await buildError((root) => writeFile(path.join(root, 'pages', 'tags.md'), '---\ntitle: Tags\n---\nMine.\n'));
    expect(error?.message).toBe('pages/tags.md would be written to tags/index.html, which proofpress generates already uses');
  });

  test('a page that asks for a block to be run is an error at the block', async () => {
    const error = await buildError((root) => writeFile(path.join(root, 'pages', 'demo.md'), '---\ntitle: Demo\n---\n\n```python run=script expect="hi"\nprint("hi")\n```\n'));
    expect(error?.name).toBe('ExampleSpecError');
    expect(error?.location).toBe('pages/demo.md:5');
  });

  test('a page without a title is an error naming the field', async () => {
    const error = await buildError((root) => writeFile(path.join(root, 'pages', 'untitled.md'), '---\nslug: untitled\n---\nText.\n'));
    expect(error?.message).toBe('Front matter field `title`: is required');
    expect(error?.location).toBe('pages/untitled.md:1');
  });
});
