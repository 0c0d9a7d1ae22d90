// Tests the example-annotations plugin: `<!-- example … -->` lines become invisible tokens that carry attributes.
import { describe, expect, test } from 'vitest';
import { createMarkdown } from '../../../../src/markdown/create.ts';
import { ANNOTATION_TOKEN } from '../../../../src/markdown/plugins/example-annotations.ts';

function blockTypes(markdown: string): string[] {
  return createMarkdown()
    .parse(markdown, {})
    .filter((token) => token.level === 0 && !token.type.endsWith('_close'))
    .map((token) => (token.type === ANNOTATION_TOKEN ? `annotation(${token.info})` : token.type));
}

describe('markdown/plugins/example-annotations', () => {
  test.each([
    // before an indented block, with or without a blank line between
    ['<!-- example file=a.py run=http -->\n      code\n', ['annotation(file=a.py run=http)', 'code_block']],
    ['<!-- example file=a.py -->\n\n    code\n', ['annotation(file=a.py)', 'code_block']],
    // it ends a paragraph, as an HTML comment does, and then the indented lines are code, not a lazy continuation
    ['Insert:\n<!-- example file=a.py -->\n      code\n', ['paragraph_open', 'annotation(file=a.py)', 'code_block']],
    // after a list (the seed's "1. Download … 2. Install …"): the list ends, the annotation stands alone
    ['1. Download\n2. Install\n<!-- example console -->\n\n      $ ls\n', ['ordered_list_open', 'annotation(console)', 'code_block']],
    // before a fenced block
    ['<!-- example file=a.py -->\n```python\nx\n```\n', ['annotation(file=a.py)', 'fence']],
    // over several lines, up to the first -->
    ['<!-- example file=a.py\n  expect="a long\n  text" -->\n    x\n', ['annotation(file=a.py expect="a long text")', 'code_block']],
    // quotes keep their content
    ['<!-- example expect="Hello world!" -->\n    x\n', ['annotation(expect="Hello world!")', 'code_block']],
    // `example` must be its own word; other comments stay escaped text (raw HTML is off)
    ['<!-- examples follow -->\n', ['paragraph_open']],
    ['<!-- a note -->\n', ['paragraph_open']],
    // indented four columns, it is code that shows an annotation
    ['    <!-- example file=a.py -->\n', ['code_block']],
  ])('%j → %j', (markdown, types) => {
    expect(blockTypes(markdown)).toEqual(types);
  });

  test('renders nothing', () => {
    expect(createMarkdown().render('<!-- example file=a.py run=none -->\n    x = 1\n')).toBe('<pre><code>x = 1\n</code></pre>\n');
  });

  test('records its lines in token.map, so errors can name the annotation\'s line', () => {
    const [annotation] = createMarkdown().parse('Text\n\n<!-- example a=1\n b=2 -->\n    x\n', {}).filter((token) => token.type === ANNOTATION_TOKEN);
    expect(annotation?.map).toEqual([2, 4]);
  });

  test.each([
    ['<!-- example file=a.py\n\n    x\n', 'The annotation `<!-- example …` is not closed with `-->` before a blank line'],
    ['<!-- example file=a.py --> and more\n    x\n', 'Text follows `-->` on the annotation\'s line'],
  ])('marks a malformed annotation %j with its problem', (markdown, problem) => {
    const [annotation] = createMarkdown().parse(markdown, {}).filter((token) => token.type === ANNOTATION_TOKEN);
    expect(annotation?.meta).toEqual({ problem });
  });
});
