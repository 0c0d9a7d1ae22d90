import { describe, expect, test } from 'vitest';
import { toPost } from '../../../src/content/post.ts';
import { createMarkdown } from '../../../src/markdown/create.ts';
import { parsePost } from '../../../src/markdown/parse.ts';
import { countWords, readingMinutes, summarizePost, truncateAtWord } from '../../../src/render/post-text.ts';

function parse(body: string, frontMatter = '') {
  const text = `---\ntitle: T\ndate: 2024-01-01\n${frontMatter}---\n\n${body}`;
  return parsePost(createMarkdown(), toPost({ path: 'content/t.md', text }));
}

describe('render/post-text', () => {
  test.each([
    // front matter wins
    ['a summary field', 'summary: From the front matter.\n', 'First paragraph.', 'From the front matter.'],
    ['a description field', 'description: Described.\n', 'First paragraph.', 'Described.'],
    // else the first top-level paragraph, as plain text
    ['the first paragraph', '', '# Title\n\nThe **first** `para`\ngraph [linked](/x/).\n\nSecond.', 'The first para graph linked.'],
    ['entities decoded, not escaped', '', 'Fish &amp; chips <b>raw</b>', 'Fish & chips <b>raw</b>'],
    ['an image by its alt text', '', '![a chart](/c.png) explained', 'a chart explained'],
    ['a paragraph after a list, not one inside it', '', '- listed item\n\nAfter the list.', 'After the list.'],
    ['nothing for a post with only code', '', '    indented code', ''],
    // an excerpt marker: everything before it, as plain text (math as its TeX); front matter still wins
    ['the text before <!-- more -->', '', 'First.\n\n## Why\n\nThe $E = mc^2$ part.\n\n<!-- more -->\n\nThe rest.', 'First. Why The E = mc^2 part.'],
    ['a summary field over <!-- more -->', 'summary: Chosen.\n', 'First.\n\n<!-- more -->\n\nRest.', 'Chosen.'],
  ])('takes %s', (_name, frontMatter, body, summary) => {
    expect(summarizePost(parse(body, frontMatter))).toBe(summary);
  });

  test('cuts a long first paragraph at a word with an ellipsis', () => {
    const summary = summarizePost(parse(`${'word '.repeat(100)}end.`), 40);
    expect(summary).toBe('word word word word word word word word…');
    expect(summary.length).toBeLessThanOrEqual(40);
  });

  test('truncateAtWord leaves short text alone and cuts a word-less run hard', () => {
    expect(truncateAtWord('short', 10)).toBe('short');
    expect(truncateAtWord('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  test('counts prose words, not code, and reads 200 words a minute (at least 1)', () => {
    const parsed = parse(`${'word '.repeat(500)}\n\n    ${'code '.repeat(1000)}`);
    expect(countWords(parsed)).toBe(500);
    expect(readingMinutes(parsed)).toBe(3);
    expect(readingMinutes(parse('Short.'))).toBe(1);
  });
});
