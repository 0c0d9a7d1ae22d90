// Tests the dedent plugin: indented code blocks lose the indentation all their lines share; fenced blocks are untouched.
import { describe, expect, test } from 'vitest';
import { createMarkdown } from '../../../../src/markdown/create.ts';
import { dedent } from '../../../../src/markdown/plugins/dedent-indented-code.ts';

describe('markdown/plugins/dedent-indented-code', () => {
  describe('dedent', () => {
    test.each([
      // the seed: six columns in the file, four stripped by CommonMark, two left over
      ['  from x import y\n  print "hi"\n', 'from x import y\nprint "hi"\n'],
      // deeper lines keep what is theirs
      ['  def f():\n      return 1\n', 'def f():\n    return 1\n'],
      // blank and whitespace-only lines do not count, and lose up to the common indentation
      ['  a\n\n  b\n', 'a\n\nb\n'],
      ['  a\n  \n  b\n', 'a\n\nb\n'],
      ['  a\n    \n  b\n', 'a\n  \nb\n'],
      ['  a\n \n  b\n', 'a\n\nb\n'],
      // trailing spaces stay (the seed's docstring has one)
      ['  """doc""" \n', '"""doc""" \n'],
      // nothing shared, nothing removed
      ['a\n  b\n', 'a\n  b\n'],
      ['', ''],
      ['\n\n', '\n\n'],
      // a tab and spaces are different indentation: only the shared prefix goes
      ['\tx\n\ty\n', 'x\ny\n'],
      ['\tx\n  y\n', '\tx\n  y\n'],
    ])('%j → %j', (input, output) => {
      expect(dedent(input)).toBe(output);
    });
  });

  test('dedents an indented block, as shown (and as extracted: the token is changed)', () => {
    const md = createMarkdown();
    const tokens = md.parse('Insert:\n\n      x = 1\n      if x:\n          print(x)\n', {});
    expect(tokens.find((token) => token.type === 'code_block')?.content).toBe('x = 1\nif x:\n    print(x)\n');
    expect(md.render('      x = 1\n')).toBe('<pre><code>x = 1\n</code></pre>\n');
  });

  test('leaves fenced blocks as written', () => {
    const tokens = createMarkdown().parse('```python\n  x = 1\n  y = 2\n```\n', {});
    expect(tokens.find((token) => token.type === 'fence')?.content).toBe('  x = 1\n  y = 2\n');
  });
});
