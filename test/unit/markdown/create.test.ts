// Tests the build's markdown-it instance: indented code kept, raw HTML escaped unless the config turns it on, heading ids wired in.
import { describe, expect, test } from 'vitest';
import { createMarkdown } from '../../../src/markdown/create.ts';

describe('markdown/create', () => {
  test('keeps indented code blocks as code_block tokens', () => {
    const tokens = createMarkdown().parse('Text:\n\n    print("hi")\n', {});
    const code = tokens.find((token) => token.type === 'code_block');
    expect(code?.content).toBe('print("hi")\n');
  });

  test('escapes raw HTML instead of passing it through', () => {
    expect(createMarkdown().render('<script>alert(1)</script>\n\nA <b>bold</b> claim.\n')).toMatchInlineSnapshot(`
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>
      <p>A &lt;b&gt;bold&lt;/b&gt; claim.</p>
      "
    `);
  });

  test('renders the owner\'s raw HTML when the config\'s markdown.html is on', () => {
    expect(createMarkdown({ html: true }).render('<details>\n<summary>More</summary>\n\nHidden.\n\n</details>\n\nPress <kbd>Ctrl</kbd>.\n')).toBe(
      '<details>\n<summary>More</summary>\n<p>Hidden.</p>\n</details>\n<p>Press <kbd>Ctrl</kbd>.</p>\n',
    );
  });

  test('with raw HTML on, still consumes an example annotation (never emitting it) and escapes code', () => {
    const md = createMarkdown({ html: true });
    expect(md.render('<!-- example file=a.py run=none -->\n    x = "<script>"\n')).toBe('<pre><code>x = &quot;&lt;script&gt;&quot;\n</code></pre>\n');
    expect(md.render('```html\n<script>alert(1)</script>\n```\n')).toBe('<pre><code class="language-html">&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n');
  });

  test('neither links bare URLs nor rewrites punctuation', () => {
    expect(createMarkdown().render('see www.example.com -- "quoted"\n')).toBe('<p>see www.example.com -- &quot;quoted&quot;</p>\n');
  });

  test('gives headings ids', () => {
    expect(createMarkdown().render('## First Stop ##\n')).toBe('<h2 id="first-stop">First Stop</h2>\n');
  });

  test('returns a new instance each time, so render rules installed on one do not leak into another', () => {
    const first = createMarkdown();
    first.renderer.rules.code_block = () => 'replaced';
    expect(first.render('    x\n')).toBe('replaced');
    expect(createMarkdown().render('    x\n')).toBe('<pre><code>x\n</code></pre>\n');
  });
});
