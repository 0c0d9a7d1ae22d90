// Tests parsePost and fileLineOf: one parse per post, reference definitions in env, file lines after front matter.
import { describe, expect, test } from 'vitest';
import { toPost } from '../../../src/content/post.ts';
import { createMarkdown } from '../../../src/markdown/create.ts';
import { fileLineOf, parsePost } from '../../../src/markdown/parse.ts';

const FILE_TEXT = [
  '---', //                     1
  'title: Lines',
  'date: 2024-01-02',
  'tags:',
  '  - a', //                   5
  '---',
  '',
  '# Heading',
  '',
  'Some prose.', //             10
  '',
  '```python file=a.py',
  'print("a")',
  '```',
  '', //                        15
  '    indented = True',
  '',
  '[ref]: http://example.com/',
].join('\n');

function parse(text: string) {
  const post = toPost({ path: 'content/lines.md', text });
  return parsePost(createMarkdown(), post);
}

describe('markdown/parse', () => {
  test.each([
    ['LF', FILE_TEXT],
    ['CRLF', FILE_TEXT.replace(/\n/g, '\r\n')],
  ])('records source line numbers after frontmatter (%s line endings)', (_name, text) => {
    const parsed = parse(text);
    const lineOf = (type: string) => fileLineOf(parsed, parsed.tokens.find((token) => token.type === type)!);
    expect(lineOf('heading_open')).toBe(8);
    expect(lineOf('paragraph_open')).toBe(10);
    expect(lineOf('fence')).toBe(12);
    expect(lineOf('code_block')).toBe(16);
  });

  test('keeps reference definitions in env for rendering the same tokens later', () => {
    const parsed = parse(`${FILE_TEXT}\n\nSee [the ref][ref].\n`);
    expect(parsed.env.references).toEqual({ REF: { href: 'http://example.com/', title: '' } });
    const md = createMarkdown();
    expect(md.renderer.render(parsed.tokens, md.options, parsed.env)).toContain('<a href="http://example.com/">the ref</a>');
  });

  test('keeps the post it parsed', () => {
    const parsed = parse(FILE_TEXT);
    expect(parsed.post.title).toBe('Lines');
    expect(parsed.tokens.find((token) => token.type === 'fence')?.content).toBe('print("a")\n');
  });

  test('counts from line 1 in a post without front matter lines', () => {
    const md = createMarkdown();
    const post = { ...toPost({ path: 'content/x.md', text: '---\ntitle: T\ndate: 2024-01-02\n---\n' }), body: '    code\n', bodyOffset: 0 };
    const parsed = parsePost(md, post);
    expect(fileLineOf(parsed, parsed.tokens[0]!)).toBe(1);
  });
});
