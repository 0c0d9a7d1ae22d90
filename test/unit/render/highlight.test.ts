// shiki output: both themes as CSS variables, no empty last line, and token colours that meet WCAG AA.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CodeHighlighter, createCodeHighlighter } from '../../../src/render/highlight.ts';
import { contrastRatio } from '../../helpers/contrast.ts';

// Keywords, strings with escapes, bytes, numbers, comments, docstrings, decorators, builtins and a class.
const PYTHON = `#!/usr/bin/env python
from wsgiref.simple_server import make_server  # a comment
@decorator
class SimpleApp(object):
    """Docstring"""
    def __iter__(self, n=8000, ok=True, none=None):
        yield b'My Own Hello world!\\n' + f"{n!r}" % 1.5
print(len([1, 2]))
`;
const CONSOLE = '$ sudo easy_install wsgiref\nInstalled /usr/lib/python3/wsgiref\n';

let highlighter: CodeHighlighter;
beforeAll(async () => {
  highlighter = await createCodeHighlighter(['python', 'console']);
});
afterAll(() => highlighter.dispose());

/** Every token colour of `html` against its theme background, per scheme. */
function tokenRatios(html: string, scheme: 'light' | 'dark'): { colour: string; ratio: number }[] {
  const bg = new RegExp(`--shiki-${scheme}-bg:(#[0-9a-fA-F]+)`).exec(html)![1]!;
  const colours = new Set([...html.matchAll(new RegExp(`--shiki-${scheme}:(#[0-9a-fA-F]+)`, 'g'))].map((m) => m[1]!));
  return [...colours].map((colour) => ({ colour, ratio: contrastRatio(colour, bg) }));
}

describe('render/highlight', () => {
  test('writes both themes as CSS variables for the stylesheet to choose from', () => {
    const html = highlighter.highlight(PYTHON, 'python');
    expect(html).toMatch(/^<pre class="shiki shiki-themes github-light-default github-dark-default" style="--shiki-light:#[0-9a-f]+;--shiki-dark:/);
    expect(html).not.toMatch(/[^-]color:/);
  });

  test('shows no empty line for the final newline', () => {
    expect(highlighter.highlight('a = 1\n', 'python').match(/<span class="line">/g)).toHaveLength(1);
  });

  test('falls back to plain text for an unknown language', () => {
    expect(highlighter.highlight('<b>x</b>\n', 'klingon')).toContain('&#x3C;b>x&#x3C;/b>');
  });

  test.each([
    ['python', PYTHON, 'light'],
    ['python', PYTHON, 'dark'],
    ['console', CONSOLE, 'light'],
    ['console', CONSOLE, 'dark'],
  ] as const)('every %s token colour meets 4.5:1 on the %s theme background', (lang, code, scheme) => {
    const ratios = tokenRatios(highlighter.highlight(code, lang), scheme);
    expect(ratios.length).toBeGreaterThan(1);
    for (const { colour, ratio } of ratios) expect(ratio, colour).toBeGreaterThanOrEqual(4.5);
  });
});

describe('render/highlight engines', () => {
  test.each([
    ['python', PYTHON],
    ['console', CONSOLE],
  ] as const)('the JavaScript engine gives the HTML Oniguruma gives for %s', async (lang, code) => {
    const exact = await createCodeHighlighter([lang], { engine: 'oniguruma' });
    try {
      expect(highlighter.highlight(code, lang, { lineNumbers: true, highlightLines: [2] })).toBe(exact.highlight(code, lang, { lineNumbers: true, highlightLines: [2] }));
    } finally {
      exact.dispose();
    }
  });
});
