// Tests the math plugin: TeX typeset by KaTeX at build time (HTML + MathML), `\,` kept, dollars in prose and code left alone.
import { describe, expect, test } from 'vitest';
import { createMarkdown } from '../../../../src/markdown/create.ts';

function render(markdown: string): string {
  return createMarkdown().render(markdown);
}

describe('markdown/plugins/math', () => {
  test('typesets inline math as KaTeX HTML with MathML and the TeX as written', () => {
    const html = render('Energy: $E = mc^2$.\n');
    expect(html).toContain('<span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML">');
    expect(html).toContain('<msup><mi>c</mi><mn>2</mn></msup>');
    expect(html).toContain('<annotation encoding="application/x-tex">E = mc^2</annotation>');
    expect(html).not.toContain('$E');
  });

  test('keeps `\\,` (markdown-it would unescape it to a comma)', () => {
    const html = render('A thin space: $a\\,b$ and $$\\int_0^1 x\\,dx$$\n');
    expect(html).toContain('<annotation encoding="application/x-tex">a\\,b</annotation>');
    expect(html).toContain('x\\,dx');
    // KaTeX's thin space: a 0.1667em gap, not a comma.
    expect(html).toContain('<span class="mspace" style="margin-right:0.1667em;"></span>');
    expect(html).not.toContain('a,b');
  });

  test('typesets a $$ block in display mode', () => {
    const html = render('$$\n\\sum_{i=1}^n i = \\frac{n(n+1)}{2}\n$$\n');
    expect(html).toMatch(/^<p class="katex-block"><span class="katex-display"><span class="katex">/);
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">');
  });

  test.each([
    ['prices in prose', 'It costs $5 and $10 today.\n', '<p>It costs $5 and $10 today.</p>\n'],
    ['shell variables in code', 'Run `echo $HOME$PATH`.\n', '<p>Run <code>echo $HOME$PATH</code>.</p>\n'],
    ['an escaped dollar', 'A \\$x$ is not math.\n', '<p>A $x$ is not math.</p>\n'],
  ])('leaves %s alone', (_name, markdown, html) => {
    expect(render(markdown)).toBe(html);
  });

  test('shows a TeX mistake as a KaTeX error, not a failed build, and runs no \\href', () => {
    expect(render('$\\frac{1$\n')).toContain('class="katex-error"');
    const html = render('$\\href{javascript:alert(1)}{x}$\n');
    expect(html).not.toContain('href="javascript');
  });
});
