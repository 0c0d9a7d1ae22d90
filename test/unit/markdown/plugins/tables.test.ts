// Tests the tables plugin: a Markdown table carries the stylesheet's class and a tab stop for scrolling it.
import { describe, expect, test } from 'vitest';
import { createMarkdown } from '../../../../src/markdown/create.ts';

describe('markdown/plugins/tables', () => {
  test('renders a table with the class the stylesheet styles, cell alignment kept', () => {
    const html = createMarkdown().render('| kind | runs |\n| --- | ---: |\n| http | 3 |\n');
    expect(html).toMatch(/^<table class="markdown-table" tabindex="0">\n<thead>/);
    expect(html).toContain('<td style="text-align:right">3</td>');
  });
});
