// Issue 11: one blog using every feature an owner has at once — a theme override and extra CSS, an about
// page, static files, images beside a post and from static/, rich Markdown with raw HTML on, a verified
// example, all served under a sub-path (a GitHub project page).
import { afterAll, describe, expect, test } from 'vitest';
import { buildSite } from './helpers/built-site.ts';

const site = await buildSite('showcase');
afterAll(site.cleanup);

const file = (name: string) => {
  const found = site.result.files.find((candidate) => candidate.path === name);
  if (!found) throw new Error(`no ${name} in the built site (${site.result.files.map((f) => f.path).slice(0, 40).join(', ')} …)`);
  return found;
};
const page = (name: string) => String(file(name).content);
const POST = '2024/06/01/showcase/index.html';

describe('the showcase blog', () => {
  test('its example is verified', () => {
    expect(site.result.verifications.filter((verification) => verification.source === 'content/showcase.md').map((verification) => [verification.label, verification.status])).toEqual([['sum.py (run=script)', 'passed']]);
    expect(site.result.verifications.every((verification) => verification.status === 'passed')).toBe(true);
  });

  test('the blog theme wraps every page and its CSS is published after the built-in stylesheet', () => {
    expect(page(POST)).toContain('<p class="blog-banner">Now with themes</p>');
    expect(page(POST)).toContain('<div class="blog-post"');
    expect(page('index.html')).toContain('blog-banner');
    expect(String(file('assets/theme.css').content)).toContain('.blog-banner');
    expect(page(POST)).toMatch(/href="\/showcase\/assets\/theme\.css[^"]*"/);
  });

  test('the about page, the static files and both images are published, the images with their size', () => {
    expect(page('about/index.html')).toContain('Who writes this blog');
    for (const name of ['favicon.ico', 'files/cv.pdf', 'images/logo.png', '2024/06/01/showcase/diagram.png']) expect(file(name)).toBeDefined();
    expect(page(POST)).toMatch(/<img src="\/showcase\/2024\/06\/01\/showcase\/diagram\.png" alt="Architecture diagram" title="The architecture" width="40" height="30"/);
    expect(page(POST)).toMatch(/<img src="\/showcase\/images\/logo\.png" alt="The logo" width="\d+" height="\d+"/);
  });

  test('footnotes, math, the table of contents, a table and the owner\'s raw HTML are rendered, not printed', () => {
    const rich = page('2024/03/01/rich-markdown/index.html');
    expect(rich).toContain('class="footnotes"');
    expect(rich).toContain('class="katex"');
    expect(rich).toContain('<table');
    expect(rich).toMatch(/<nav[^>]*class="[^"]*table-of-contents/);
    expect(rich).toContain('<kbd>HTML</kbd>');
    expect(rich).not.toContain('[[toc]]');
    expect(rich).not.toContain('[^wsgi]');
    expect(page(POST)).toContain('<kbd>Ctrl</kbd>');
  });

  test('every root-relative link, script and image carries the sub-path', () => {
    for (const output of site.result.files.filter((candidate) => candidate.path.endsWith('.html'))) {
      const links = [...String(output.content).matchAll(/\s(?:href|src)="(\/[^"]*)"/g)].map((match) => match[1]!);
      expect(links.filter((link) => !link.startsWith('/showcase/')), output.path).toEqual([]);
    }
  });
});
