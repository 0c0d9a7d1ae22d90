// Tests excerpt: the part of a post before `<!-- more -->`, rendered for lists with its ids made unique and its in-page links kept.
import { describe, expect, test } from 'vitest';
import { toPost } from '../../../src/content/post.ts';
import { createMarkdown } from '../../../src/markdown/create.ts';
import { parsePost } from '../../../src/markdown/parse.ts';
import { renderExcerptHtml } from '../../../src/render/excerpt.ts';

function excerpt(body: string): string | undefined {
  const md = createMarkdown();
  const parsed = parsePost(md, toPost({ path: 'content/t.md', text: `---\ntitle: T\ndate: 2024-01-01\n---\n\n${body}` }));
  return renderExcerptHtml({ md, parsed, url: '/2024/01/01/t/' });
}

describe('render/excerpt', () => {
  test('renders the Markdown before the marker, and nothing after it', () => {
    expect(excerpt('The **teaser**, in $x$.\n\n<!-- more -->\n\nThe rest.\n')).toMatch(/^<p>The <strong>teaser<\/strong>, in <span class="katex">[\s\S]*\.<\/p>\n$/);
  });

  test('is undefined for a post without a marker', () => {
    expect(excerpt('Just a post.\n')).toBeUndefined();
  });

  test('prefixes ids with the post\'s URL and points in-page links at the post', () => {
    const html = excerpt('## Intro\n\nA note[^1].\n\n- [x] done\n\n<!-- more -->\n\n[^1]: The note.\n')!;
    expect(html).toContain('<h2 id="2024-01-01-t-intro">Intro</h2>');
    expect(html).toContain('<a href="/2024/01/01/t/#fn1" id="2024-01-01-t-fnref1">[1]</a>');
    expect(html).toContain('id="2024-01-01-t-task-item-0" checked disabled><label class="task-list-item-label" for="2024-01-01-t-task-item-0">');
    expect(html).not.toContain('The note.');
  });
});
