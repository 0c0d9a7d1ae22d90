// A post using every Markdown feature (test/fixtures/sites/rich-markdown), built for real: footnotes, math, contents,
// tasks, callouts, tables, raw HTML (the fixture's config turns it on) and `<!-- more -->` excerpts in lists and feeds.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BuiltSite, buildSite } from './helpers/built-site.ts';

const POST = '2024/03/01/rich-markdown/index.html';
let site: BuiltSite;
const file = (path: string) => String(site.result.files.find((candidate) => candidate.path === path)?.content);
// The page without KaTeX's visual spans, whose text repeats the MathML's.
const article = () => file(POST).split('<div class="post-body">')[1]!.split('</article>')[0]!;

beforeAll(async () => {
  site = await buildSite('rich-markdown');
});
afterAll(() => site?.cleanup());

describe('rich-markdown: every Markdown feature, built', () => {
  test('prints none of the Markdown as text', () => {
    for (const literal of ['[^wsgi]', '[[toc]]', '::: warning', ':::', '[x]', '[ ]', '$E = mc^2$', '$$', '&lt;!-- more --&gt;', '&lt;kbd&gt;', '&lt;details&gt;', '&lt;!-- example']) {
      expect(article(), literal).not.toContain(literal);
    }
  });

  test('links footnotes both ways, the note rendered as Markdown at the end', () => {
    expect(article()).toContain('a footnote<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>');
    expect(article()).toMatch(/<section class="footnotes" aria-label="Footnotes">\n<ol class="footnotes-list">\n<li id="fn1" class="footnote-item"><p>WSGI is <a href="https:\/\/peps\.python\.org\/pep-3333\/">PEP 3333<\/a>, with <em>emphasis<\/em>\. <a aria-label="Back to reference 1"/);
  });

  test('typesets math at build time, `\\,` included, and ships KaTeX\'s stylesheet and fonts, no script', () => {
    expect(article()).toContain('<annotation encoding="application/x-tex">E = mc^2</annotation>');
    expect(article()).toContain('<annotation encoding="application/x-tex">a\\,b</annotation>');
    expect(article()).toContain('<annotation encoding="application/x-tex">\\int_0^1 x\\,dx = \\frac{1}{2}\n</annotation>');
    expect(file(POST)).toContain('<link rel="stylesheet" href="/assets/katex/katex.min.css">');
    expect(file(POST)).not.toMatch(/<script[^>]*katex/);
    const paths = site.result.files.map((candidate) => candidate.path);
    expect(paths).toContain('assets/katex/katex.min.css');
    expect(paths).toContain('assets/katex/fonts/KaTeX_Main-Regular.woff2');
    expect(paths).toContain('assets/katex/LICENSE');
    // A page without math does not load the stylesheet.
    expect(file('tags/index.html')).not.toContain('katex');
  });

  test('gives Cyrillic and CJK headings meaningful unique ids, listed by [[toc]]', () => {
    expect(article()).toContain('<h2 id="установка">Установка</h2>');
    expect(article()).toContain('<h2 id="安装指南">安装指南</h2>');
    expect(article()).toContain('<h2 id="установка-1">Установка</h2>');
    expect(article()).not.toContain('id="section');
    expect(article()).toContain(
      '<nav class="table-of-contents" aria-label="Contents"><p class="table-of-contents-title">Contents</p><ul><li><a href="#установка">Установка</a></li><li><a href="#安装指南">安装指南</a></li><li><a href="#установка-1">Установка</a></li><li><a href="#a-table">A table</a></li>',
    );
  });

  test('renders the table, the tasks and the four callouts', () => {
    expect(article()).toContain('<table class="markdown-table" tabindex="0">\n<thead>\n<tr>\n<th style="text-align:left">Kind</th>\n<th style="text-align:right">Runs</th>');
    expect(article()).toContain('<input type="checkbox" class="task-list-item-checkbox" id="task-item-0" checked disabled><label class="task-list-item-label" for="task-item-0"> Write the post</label>');
    expect(article()).toContain('<input type="checkbox" class="task-list-item-checkbox" id="task-item-1" disabled><label class="task-list-item-label" for="task-item-1"> Publish it</label>');
    expect([...article().matchAll(/<aside class="callout callout-(\w+)" aria-label="([^"]+)">/g)].map((match) => `${match[1]}: ${match[2]}`)).toEqual([
      'note: Note',
      'tip: Tip',
      'warning: Warning: Mind the gap',
      'danger: Danger',
    ]);
  });

  test('lists the References section\'s link definitions instead of leaving the heading empty', () => {
    expect(article()).toContain('<h2 id="references">References</h2>\n<ul class="link-references">\n<li><span class="link-reference-label">[1]</span> <a href="https://peps.python.org/pep-3333/">');
  });

  test('renders the owner\'s raw HTML (markdown.html is on) and keeps comments out of sight', () => {
    expect(article()).toContain('raw <kbd>HTML</kbd> the owner allowed');
    expect(article()).toContain('<details>\n<summary>Owner\'s HTML</summary>');
    expect(article()).toContain('<!-- An ordinary comment stays a comment. -->');
  });

  test('still escapes what examples print, and consumes the `<!-- example -->` annotation, with raw HTML on', () => {
    expect(site.result.verifications.map((verification) => verification.status)).toEqual(['passed', 'passed']);
    expect(file(POST)).not.toContain('<script>alert');
    expect(file(POST)).not.toContain('<b>bold</b>');
    expect(article()).toContain('<pre class="output"><code>&lt;script&gt;alert(&quot;from the output&quot;)&lt;/script&gt;\n</code></pre>');
    expect(article()).toContain('<pre class="output"><code>&lt;b&gt;bold&lt;/b&gt;\n</code></pre>');
  });

  test('lists each post by its excerpt, the text before <!-- more -->, with ids unique on the page', () => {
    const index = file('index.html');
    expect(index).toContain('<div class="summary excerpt">\n<p>A post that uses every feature');
    expect(index).toContain('<a href="/2024/03/01/rich-markdown/#fn1" id="2024-03-01-rich-markdown-fnref1">[1]</a>');
    expect(index).toContain('<h2 id="2024-02-01-second-post-intro">Intro</h2>');
    expect(index).toContain('<a href="/2024/02/01/second-post/">Continue reading<span class="visually-hidden"> “A second post with an excerpt”</span>');
    expect(index).not.toContain('Cyrillic headings keep');
    expect(index).not.toContain('The rest of the second post');
    const ids = [...index.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(index).toContain('<link rel="stylesheet" href="/assets/katex/katex.min.css">');
  });

  test('gives feeds the excerpt as summary and readable content: MathML only, tasks as text, footnotes absolute', () => {
    const atom = new XMLParser({ ignoreAttributes: false }).parse(file('atom.xml')).feed.entry as { summary: { '#text': string }; content: { '#text': string } }[];
    const [rich] = atom;
    expect(rich!.summary['#text']).toContain('<p>A post that uses every feature');
    expect(rich!.summary['#text']).not.toContain('Cyrillic headings keep');
    const content = rich!.content['#text'];
    expect(content).toContain('<a href="https://blog.example.org/2024/03/01/rich-markdown/#fn1" id="fnref1">[1]</a>');
    expect(content).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML">');
    expect(content).not.toContain('katex-html');
    expect(content).toContain('<li class="task-list-item">☑ <label');
    expect(content).toContain('<aside class="callout callout-warning" aria-label="Warning: Mind the gap">\n<p class="callout-title">Mind the gap</p>');
    expect(JSON.parse(file('feed.json')).items[0].summary).toMatch(/^A post that uses every feature, so that the build shows each one rendered: a footnote, math such as E = mc\^2 and a\\,b, and raw HTML/);
  });
});
