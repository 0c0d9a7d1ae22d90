// Tests the callouts plugin: `::: warning` containers become asides named by their kind, with a visible title.
import { describe, expect, test } from 'vitest';
import { createMarkdown } from '../../../../src/markdown/create.ts';

describe('markdown/plugins/callouts', () => {
  test.each([
    ['note', 'Note'],
    ['tip', 'Tip'],
    ['warning', 'Warning'],
    ['danger', 'Danger'],
  ])('::: %s renders an aside titled %s with its Markdown inside', (kind, title) => {
    expect(createMarkdown().render(`::: ${kind}\nMind the **gap**.\n:::\n`)).toBe(
      `<aside class="callout callout-${kind}" aria-label="${title}">\n<p class="callout-title">${title}</p>\n<p>Mind the <strong>gap</strong>.</p>\n</aside>\n`,
    );
  });

  test('shows a title of its own, escaped, and keeps the kind in the aside\'s name', () => {
    expect(createMarkdown().render('::: danger Don\'t run <this> as root\nText.\n:::\n')).toContain(
      '<aside class="callout callout-danger" aria-label="Danger: Don\'t run &lt;this&gt; as root">\n<p class="callout-title">Don\'t run &lt;this&gt; as root</p>',
    );
  });

  test('leaves an unknown kind as text', () => {
    expect(createMarkdown().render('::: spoiler\nText.\n:::\n')).toBe('<p>::: spoiler\nText.\n:::</p>\n');
  });
});
