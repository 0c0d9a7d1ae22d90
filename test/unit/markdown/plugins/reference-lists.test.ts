// Tests the reference-lists plugin: a section holding only link definitions lists them, instead of standing empty.
import { describe, expect, test } from 'vitest';
import { createMarkdown } from '../../../../src/markdown/create.ts';

describe('markdown/plugins/reference-lists', () => {
  test('lists the definitions under a heading that holds nothing else (the seed\'s "References")', () => {
    const html = createMarkdown().render('See [this one][1].\n\n## References ##\n\n[1]: http://example.com/a\n[2]: http://example.org/ "The org"\n');
    expect(html).toBe(
      '<p>See <a href="http://example.com/a">this one</a>.</p>\n<h2 id="references">References</h2>\n<ul class="link-references">\n' +
        '<li><span class="link-reference-label">[1]</span> <a href="http://example.com/a">http://example.com/a</a></li>\n' +
        '<li><span class="link-reference-label">[2]</span> <a href="http://example.org/">http://example.org/</a> — The org</li>\n</ul>\n',
    );
  });

  test('lists them before the next heading and before the footnotes', () => {
    const html = createMarkdown().render('## Links\n\n[a]: /x\n\n## Next\n\nText[^1].\n\n## More links\n\n[b]: /y\n\n[^1]: Note.\n');
    expect(html).toContain('<h2 id="links">Links</h2>\n<ul class="link-references">\n<li><span class="link-reference-label">[a]</span> <a href="/x">/x</a></li>\n</ul>\n<h2 id="next">');
    expect(html).toContain('<h2 id="more-links">More links</h2>\n<ul class="link-references">\n<li><span class="link-reference-label">[b]</span> <a href="/y">/y</a></li>\n</ul>\n<section class="footnotes"');
  });

  test('keeps definitions among other content invisible, as CommonMark does', () => {
    expect(createMarkdown().render('## Section\n\nText with [a link][x].\n\n[x]: http://example.com/\n')).toBe(
      '<h2 id="section">Section</h2>\n<p>Text with <a href="http://example.com/">a link</a>.</p>\n',
    );
  });

  test('refuses no link markdown-it refuses: a javascript: definition is no definition', () => {
    const html = createMarkdown().render('## References\n\n[x]: javascript:alert(1)\n');
    expect(html).not.toContain('href="javascript');
  });
});
