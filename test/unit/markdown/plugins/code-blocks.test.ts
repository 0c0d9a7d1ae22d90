// Tests the code-blocks plugin: code tokens are drawn by the render env's hook (example figures), else as markdown-it draws them.
import { describe, expect, test } from 'vitest';
import { createMarkdown } from '../../../../src/markdown/create.ts';

describe('markdown/plugins/code-blocks', () => {
  const markdown = 'Text.\n\n```python file=a.py\nprint("<a>")\n```\n\n    indented\n';

  test('hands every fenced and indented block to env.renderCodeBlock, by token index', () => {
    const md = createMarkdown();
    const tokens = md.parse(markdown, {});
    const seen: string[] = [];
    const html = md.renderer.render(tokens, md.options, {
      renderCodeBlock: (all: typeof tokens, index: number) => {
        seen.push(`${index}:${all[index]!.type}`);
        return `<figure>${index}</figure>\n`;
      },
    });
    expect(seen).toEqual(['3:fence', '4:code_block']);
    expect(html).toBe('<p>Text.</p>\n<figure>3</figure>\n<figure>4</figure>\n');
  });

  test('without the hook (an editor\'s note, an excerpt) draws escaped code as markdown-it does', () => {
    expect(createMarkdown().render(markdown)).toBe('<p>Text.</p>\n<pre><code class="language-python">print(&quot;&lt;a&gt;&quot;)\n</code></pre>\n<pre><code>indented\n</code></pre>\n');
  });
});
