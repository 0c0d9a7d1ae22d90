// Tests feed-html: typeset math reaches feed readers as MathML only, and task checkboxes as ☑/☐ text.
import { describe, expect, test } from 'vitest';
import { createMarkdown } from '../../../src/markdown/create.ts';
import { checkboxesAsText, mathMlOnly } from '../../../src/render/feed-html.ts';

describe('render/feed-html', () => {
  test('keeps the MathML of each formula and drops the spans only a stylesheet lays out', () => {
    const article = createMarkdown().render('Inline $E = mc^2$ and:\n\n$$\n\\sqrt{x^2}\n$$\n\nAfter.\n');
    const feed = mathMlOnly(article);
    expect(feed).not.toContain('katex-html');
    expect(feed.match(/<math /g)).toHaveLength(2);
    expect(feed).toContain('<annotation encoding="application/x-tex">E = mc^2</annotation>');
    // Everything around the formulas is intact.
    expect(feed).toMatch(/^<p>Inline <span class="katex"><span class="katex-mathml"><math [\s\S]*<\/math><\/span><\/span> and:<\/p>\n<p class="katex-block">/);
    expect(feed).toContain('</math></span></span></span></p>\n<p>After.</p>\n');
  });

  test('writes checked and open tasks as ☑ and ☐', () => {
    const article = createMarkdown().render('- [x] done\n- [ ] to do\n');
    expect(checkboxesAsText(article)).toBe(
      '<ul class="task-list-container">\n<li class="task-list-item">☑ <label class="task-list-item-label" for="task-item-0"> done</label></li>\n' +
        '<li class="task-list-item">☐ <label class="task-list-item-label" for="task-item-1"> to do</label></li>\n</ul>\n',
    );
  });
});
