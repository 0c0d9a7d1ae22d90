import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { siteSchema } from '../../../src/config/schema.ts';
import type { Post } from '../../../src/content/post.ts';
import { feedContent, renderFeeds, stripXmlInvalid } from '../../../src/render/feeds.ts';
import type { PostEntry } from '../../../src/render/post-entry.ts';

const site = siteSchema.parse({ title: 'Blog & co', baseUrl: 'https://blog.example.org/', author: 'Ada' });
const entry = {
  url: '/2024/01/01/x/',
  summary: 'Plain <summary> & more',
  articleHtml: '<p>See <a href="/tags/x/">tag</a> and <img src="/i.png" alt=""> ]]> \u001b[31mred</p>',
  post: { title: '<script>alert(1)</script>', date: new Date('2024-01-01T00:00:00Z'), updated: new Date('2024-02-01T00:00:00Z'), tags: ['Python'] } as Post,
} as PostEntry;

const files = Object.fromEntries(renderFeeds(site, [entry]).map((file) => [file.path, String(file.content)]));
const parser = new XMLParser({ ignoreAttributes: false });

describe('render/feeds', () => {
  test('writes Atom and RSS that are well-formed XML, with the escaped title as HTML text', () => {
    for (const name of ['atom.xml', 'rss.xml']) expect(XMLValidator.validate(files[name]!)).toBe(true);
    const atom = parser.parse(files['atom.xml']!).feed;
    expect(atom.entry.title['#text']).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(atom.entry.updated).toBe('2024-02-01T00:00:00.000Z');
    expect(atom.entry.published).toBe('2024-01-01T00:00:00.000Z');
    const rss = parser.parse(files['rss.xml']!).rss.channel;
    expect(rss.item.title).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(rss.item['content:encoded']).toContain('<a href="https://blog.example.org/tags/x/">');
  });

  test('writes JSON Feed 1.1 with plain-text fields and no raw markup in its bytes', () => {
    const json = JSON.parse(files['feed.json']!);
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.authors).toEqual([{ name: 'Ada', url: 'https://blog.example.org/' }]);
    expect(json.items[0].title).toBe('<script>alert(1)</script>');
    expect(json.items[0].summary).toBe('Plain <summary> & more');
    expect(files['feed.json']).not.toMatch(/<script>/);
  });

  test('gives Atom and RSS the excerpt before <!-- more --> as the summary, and JSON Feed its plain text', () => {
    const excerpted = { ...entry, summary: 'Teaser text.', excerptHtml: '<p>Teaser <a href="#fn1">[1]</a> <em>text</em>.</p>\n' } as PostEntry;
    const feeds = Object.fromEntries(renderFeeds(site, [excerpted]).map((file) => [file.path, String(file.content)]));
    expect(parser.parse(feeds['atom.xml']!).feed.entry.summary['#text']).toBe('<p>Teaser <a href="https://blog.example.org/2024/01/01/x/#fn1">[1]</a> <em>text</em>.</p>\n');
    expect(parser.parse(feeds['rss.xml']!).rss.channel.item.description).toContain('<em>text</em>');
    expect(JSON.parse(feeds['feed.json']!).items[0].summary).toBe('Teaser text.');
  });

  test('makes in-page links lead to the post, math MathML only and checkboxes text', () => {
    const article = '<p><a href="#fn1">[1]</a> <span class="katex"><span class="katex-mathml"><math></math></span><span class="katex-html" aria-hidden="true"><span>x</span></span></span></p><input type="checkbox" checked disabled>';
    expect(feedContent(site, article, '/2024/01/01/x/')).toBe('<p><a href="https://blog.example.org/2024/01/01/x/#fn1">[1]</a> <span class="katex"><span class="katex-mathml"><math></math></span></span></p>☑ ');
  });

  test('makes root-relative links absolute and drops characters XML cannot hold', () => {
    expect(feedContent(site, '<a href="/a/">a</a><a href="//cdn/x">b</a>')).toBe('<a href="https://blog.example.org/a/">a</a><a href="//cdn/x">b</a>');
    expect(stripXmlInvalid('a\u0000b\u001bc\td\n')).toBe('abc\td\n');
    const figure = '<figure><span class="copy" hidden><button type="button">Copy</button></span>\n<template class="copy-text">print(&quot;&lt;/x&gt;&quot;)</template>\n<pre>code</pre></figure>';
    expect(feedContent(site, figure)).toBe('<figure><span class="copy" hidden></span>\n<pre>code</pre></figure>');
  });
});
