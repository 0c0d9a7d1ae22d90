// Tests the table-of-contents plugin: `[[toc]]` lists the headings by the ids heading-ids gave them, escaped, nested.
import { describe, expect, test } from 'vitest';
import { createMarkdown } from '../../../../src/markdown/create.ts';

describe('markdown/plugins/table-of-contents', () => {
  test('replaces [[toc]] with a named list of links to the h1–h3 headings, nested by level', () => {
    const html = createMarkdown().render('[[toc]]\n\n## Установка\n\n### 安装指南\n\n#### Too deep\n\n## Установка\n');
    expect(html).not.toContain('[[toc]]');
    expect(html).toContain(
      '<nav class="table-of-contents" aria-label="Contents"><p class="table-of-contents-title">Contents</p>' +
        '<ul><li><a href="#установка">Установка</a><ul><li><a href="#安装指南">安装指南</a></li></ul></li><li><a href="#установка-1">Установка</a></li></ul></nav>',
    );
    // Every link reaches a heading.
    for (const [, id] of html.matchAll(/href="#([^"]+)"/g)) expect(html).toContain(`id="${id}"`);
  });

  test('renders the contents of 20,000 headings in linear time', () => {
    const started = performance.now();
    const html = createMarkdown().render(`[[toc]]\n\n${'## 设置\n\n### Установка\n\n'.repeat(10_000)}`);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(html).toContain('<li><a href="#установка-9999">Установка</a></li></ul></li></ul></nav>');
  });

  test('escapes a heading\'s text, even with raw HTML on', () => {
    const html = createMarkdown({ html: true }).render('[[toc]]\n\n## The `<script>` tag\n');
    expect(html).toContain('<a href="#the-script-tag">The &lt;script&gt; tag</a>');
    expect(html).not.toContain('<script>');
  });
});
