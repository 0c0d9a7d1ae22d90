// Tests the excerpt-marker plugin: `<!-- more -->` on its own line is an invisible token, with raw HTML off or on.
import { describe, expect, test } from 'vitest';
import { createMarkdown } from '../../../../src/markdown/create.ts';
import { EXCERPT_MARKER_TOKEN } from '../../../../src/markdown/plugins/excerpt-marker.ts';

describe('markdown/plugins/excerpt-marker', () => {
  test.each([
    ['raw HTML off', false],
    ['raw HTML on', true],
  ])('renders nothing where the marker stands (%s)', (_name, html) => {
    const md = createMarkdown({ html });
    expect(md.render('Teaser.\n\n<!-- more -->\n\nThe rest.\n')).toBe('<p>Teaser.</p>\n<p>The rest.</p>\n');
    expect(md.render('Teaser.\n<!--more-->\nThe rest.\n')).toBe('<p>Teaser.</p>\n<p>The rest.</p>\n');
  });

  test.each([
    ['<!-- more -->\n', true],
    ['<!--more-->\n', true],
    ['<!-- MORE -->\n', true],
    ['<!-- more than this -->\n', false],
    ['    <!-- more -->\n', false],
  ])('%j is a marker: %s', (markdown, isMarker) => {
    const tokens = createMarkdown().parse(markdown, {});
    expect(tokens.some((token) => token.type === EXCERPT_MARKER_TOKEN)).toBe(isMarker);
  });
});
