// Tests the footnotes plugin: `[^1]` references and their notes, with labelled back links, instead of literal brackets.
import { describe, expect, test } from 'vitest';
import { createMarkdown } from '../../../../src/markdown/create.ts';

describe('markdown/plugins/footnotes', () => {
  const html = createMarkdown().render('WSGI is a PEP[^pep] and more[^2].\n\n[^pep]: PEP 333, *2003*.\n[^2]: Second.\n');

  test('links each reference to its note, numbered in order of use', () => {
    expect(html).toContain('<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>');
    expect(html).toContain('<sup class="footnote-ref"><a href="#fn2" id="fnref2">[2]</a></sup>');
    expect(html).not.toContain('[^pep]');
  });

  test('renders the notes as Markdown at the end, in a named section with labelled back links', () => {
    expect(html).toContain('<section class="footnotes" aria-label="Footnotes">');
    expect(html).toContain('<li id="fn1" class="footnote-item"><p>PEP 333, <em>2003</em>. <a aria-label="Back to reference 1" href="#fnref1" class="footnote-backref">↩︎</a></p>');
    expect(html.indexOf('<section class="footnotes"')).toBeGreaterThan(html.indexOf('and more'));
  });

  test('leaves a footnote definition out of the link references', () => {
    const md = createMarkdown();
    const env: Record<string, unknown> = {};
    md.parse('Text[^a].\n\n[^a]: Note.\n', env);
    expect(env.references).toBeUndefined();
  });
});
