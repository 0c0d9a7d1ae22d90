// Tests the memo of stage 2 that dev keeps: one parse per Post and markdown options, handed out as parsed.
import { describe, expect, test } from 'vitest';
import { toPost } from '../../../src/content/post.ts';
import { createMarkdown } from '../../../src/markdown/create.ts';
import { createParseMemo } from '../../../src/markdown/parse-memo.ts';
import { parsePost } from '../../../src/markdown/parse.ts';

const TEXT = '---\ntitle: Links\ndate: 2024-01-01\n---\n\nA [file](notes.txt) and ![a chart](chart.png).\n\n```python\nx = 1\n```\n';
const OPTIONS = { html: false };

describe('markdown/parse-memo', () => {
  test('the same Post with the same options gets the same parse; other options parse it again', () => {
    const memo = createParseMemo();
    const post = toPost({ path: 'content/links.md', text: TEXT });
    const md = createMarkdown(OPTIONS);
    const parsed = memo.parsePost(md, post, OPTIONS);
    expect(parsed).toEqual(parsePost(md, post));
    expect(memo.parsePost(md, post, { ...OPTIONS })).toBe(parsed);
    expect(memo.parsePost(createMarkdown({ html: true }), post, { html: true })).not.toBe(parsed);
    expect(memo.counts()).toEqual({ made: 2, reused: 1 });
  });

  test('attributes changed after parsing (links and images bound, alt text rendered) are as parsed when handed out again', () => {
    const memo = createParseMemo();
    const post = toPost({ path: 'content/links.md', text: TEXT });
    const md = createMarkdown(OPTIONS);
    const parsed = memo.parsePost(md, post, OPTIONS);
    const asParsed = JSON.stringify(parsed.tokens);
    const children = parsed.tokens.flatMap((token) => token.children ?? []);
    const [link, image] = ['link_open', 'image'].map((type) => children.find((token) => token.type === type));
    link!.attrSet('href', '/2024/01/01/links/notes.txt');
    image!.attrSet('width', '640');
    md.renderer.render(parsed.tokens, md.options, { ...parsed.env }); // writes the image's alt
    expect(JSON.stringify(parsed.tokens)).not.toBe(asParsed);
    expect(JSON.stringify(memo.parsePost(md, post, OPTIONS).tokens)).toBe(asParsed);
  });
});
