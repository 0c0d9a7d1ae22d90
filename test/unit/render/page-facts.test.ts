import { describe, expect, test } from 'vitest';
import { collectIds, collectLinks, createPageMemo } from '../../../src/render/page-facts.ts';

describe('render/page-facts', () => {
  test('collects ids with entities decoded', () => {
    expect(collectIds('<h2 id="a&amp;b">x</h2><p data-id="no"><figure id="f1">')).toEqual(new Set(['a&b', 'f1']));
  });

  test('lists each distinct link of a page once, in the order they first appear, and those with a fragment', () => {
    const memo = createPageMemo();
    expect(memo.links.get('p.html', '<a href="/b/"><a href="/a/#x"><a href="/b/"><img src="/i.png">')).toEqual({ hrefs: ['/b/', '/a/#x', '/i.png'], fragments: ['/a/#x'] });
  });

  test('keeps a fact while the page is the same and works it out again when its content changes', () => {
    const memo = createPageMemo();
    const first = memo.links.get('p.html', '<a href="/a/">');
    expect(memo.links.get('p.html', '<a href="/a/">')).toBe(first);
    memo.links.sweep();
    expect(memo.links.get('p.html', `<a href="/${'a'}/">`)).toBe(first); // equal text, another string
    expect(memo.links.get('p.html', '<a href="/b/">').hrefs).toEqual(['/b/']);
    expect(memo.bytes.get('p.html', 'é')).toBe(2);
  });

  test('a sweep forgets the pages not asked for since the one before', () => {
    const memo = createPageMemo();
    const kept = memo.ids.get('kept.html', '<p id="x">');
    const gone = memo.ids.get('gone.html', '<p id="y">');
    memo.ids.sweep();
    memo.ids.get('kept.html', '<p id="x">');
    memo.ids.sweep();
    expect(memo.ids.get('kept.html', '<p id="x">')).toBe(kept);
    expect(memo.ids.get('gone.html', '<p id="y">')).not.toBe(gone);
  });
});
