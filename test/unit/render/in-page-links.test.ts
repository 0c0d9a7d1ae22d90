// Tests in-page-links: a post's HTML shown elsewhere keeps its footnote and contents links working and its ids unique.
import { describe, expect, test } from 'vitest';
import { pointFragmentsAt, prefixIds } from '../../../src/render/in-page-links.ts';

describe('render/in-page-links', () => {
  test('points in-page links at the post and leaves other links alone', () => {
    expect(pointFragmentsAt('<a href="#fn1" id="fnref1">[1]</a> <a href="/tags/x/">x</a> <a href="https://e.org/#y">y</a>', '/2024/01/01/p/')).toBe(
      '<a href="/2024/01/01/p/#fn1" id="fnref1">[1]</a> <a href="/tags/x/">x</a> <a href="https://e.org/#y">y</a>',
    );
  });

  test('prefixes ids and the label references to them, not text that only looks like one', () => {
    expect(prefixIds('<input id="task-item-0"><label for="task-item-0">id="x"</label><p>id=&quot;y&quot;</p>', 'p-')).toBe(
      '<input id="p-task-item-0"><label for="p-task-item-0">id="x"</label><p>id=&quot;y&quot;</p>',
    );
  });
});
