// Markdown written for other engines (title=, hl_lines=, {linenos=true}, ```Python) builds: honoured where it has a meaning, warned about with file:line where not.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../src/build.ts';
import type { ProofpressError } from '../src/errors.ts';
import { formatError } from '../src/report/format-error.ts';
import type { Reporter } from '../src/report/progress.ts';
import { contrastRatio } from './helpers/contrast.ts';
import { fixturePath, tempSite } from './helpers/project.ts';

const POST = 'content/foreign-markdown.md';
const SOURCE = readFileSync(fixturePath('sites', 'foreign-markdown', POST), 'utf8');
const CSS = readFileSync(new URL('../src/render/assets/style.css', import.meta.url), 'utf8');

/** The file line of the fence that opens with `start`. */
function lineOf(start: string): number {
  return SOURCE.split('\n').findIndex((line) => line.startsWith(start)) + 1;
}

const site = await tempSite('foreign-markdown');
const warnings: ProofpressError[] = [];
const reporter: Reporter = { step: () => {}, example: () => {}, info: () => {}, warning: (error) => warnings.push(error) };
let result: BuildResult;
let page: string;

beforeAll(async () => {
  result = await build(site.config, { write: false, reporter });
  page = String(result.files.find((file) => file.path.endsWith('/foreign-markdown/index.html'))?.content);
});
afterAll(site.cleanup);

/** The figure whose title is `title`. */
function figure(title: string): string {
  const found = page.split('<figure ').find((part) => part.includes(`<span class="example-file">${title}</span>`));
  if (!found) throw new Error(`no figure titled ${title}`);
  return found.slice(0, found.indexOf('</figure>'));
}

/** The 1-based numbers of a figure's highlighted code lines. */
function highlightedLines(html: string): number[] {
  const lines = [...html.matchAll(/<span class="line( highlighted)?">/g)];
  return lines.flatMap((match, i) => (match[1] ? [i + 1] : []));
}

/** The custom properties of the stylesheet's first `:root {…}` block after `from`. */
function palette(from: number): Record<string, string> {
  const block = /:root\s*\{([^}]*)\}/.exec(CSS.slice(from))![1]!;
  return Object.fromEntries([...block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{3,8})/gi)].map((m) => [m[1]!, m[2]!]));
}

describe('Markdown written for other engines', () => {
  test('builds, and both runnable examples (one a capitalised ```Python) are verified', () => {
    const ran = result.verifications.filter((verification) => verification.record !== undefined);
    expect(ran.map((verification) => [verification.label, verification.status])).toEqual([
      ['main.py (run=script)', 'passed'],
      ['python block 8 (run=script)', 'passed'],
    ]);
  });

  test('warns about what it cannot honour, each with file:line and the block', () => {
    expect(warnings.map((warning) => formatError(warning, { debug: false }))).toEqual([
      [
        '✗ `style=emacs` is a Hugo attribute proofpress does not use; ignored',
        `  File: ${POST}:${lineOf('```go {linenos=inline')}`,
        '  Example: go block 3 (run=none)',
      ].join('\n'),
      [
        '✗ `title="/src/components/HelloCodeTitle.js"`: the block is named HelloCodeTitle.js, without its folders (proofpress saves and runs it under a plain file name)',
        `  File: ${POST}:${lineOf('```jsx')}`,
        '  Example: HelloCodeTitle.js (run=none)',
      ].join('\n'),
      [
        '✗ `hide_lines=1` (Zola) would hide lines that run: proofpress shows every line of an example; ignored',
        `  File: ${POST}:${lineOf('```python,linenos')}`,
        '  Example: python block 8 (run=script)',
      ].join('\n'),
    ]);
  });

  test('titles each figure with the file name from title= (its base name when it has folders)', () => {
    for (const title of ['main.py', 'bubble_sort.py', 'HelloCodeTitle.js']) expect(page).toContain(`<span class="example-file">${title}</span>`);
  });

  test.each([
    ['main.py', [2]],
    ['bubble_sort.py', [2, 3]],
    ['HelloCodeTitle.js', [1]],
  ])('highlights the lines %s names', (title, lines) => {
    const html = figure(title);
    expect(html).toMatch(/<pre class="[^"]*has-highlighted/);
    expect(highlightedLines(html)).toEqual(lines);
  });

  test("highlights Hugo's, VitePress's and Zola's lines, and starts numbers where Hugo and Pandoc say", () => {
    const figures = page.split('<figure ').slice(1);
    const byCode = (text: string) => figures.find((html) => html.includes(text))!;
    expect(highlightedLines(byCode('Value of i'))).toEqual([3, 6, 7, 8]);
    expect(highlightedLines(byCode('MyComponent'))).toEqual([2]);
    expect(highlightedLines(byCode('zola'))).toEqual([2]);
    expect(byCode('func double')).toMatch(/<pre class="[^"]*line-numbers[^"]*"[^>]*--line-start:198;--line-digits:3"/);
    expect(byCode('from line ten')).toMatch(/--line-start:9;--line-digits:2"/);
    expect(byCode('Value of i')).not.toContain('--line-start');
  });

  test.each(['light', 'dark'] as const)('highlighted lines keep WCAG AA text contrast in the %s scheme', (scheme) => {
    const light = palette(0);
    const colours = scheme === 'light' ? light : { ...light, ...palette(CSS.indexOf('@media (prefers-color-scheme: dark)')) };
    const tint = colours['line-highlight']!;
    const marker = '<span class="line highlighted">';
    const highlighted = page.split('\n').flatMap((line) => (line.includes(marker) ? [line.slice(line.indexOf(marker))] : []));
    const tokens = new Set(highlighted.flatMap((line) => [...line.matchAll(new RegExp(`--shiki-${scheme}:(#[0-9a-f]{6})`, 'gi'))].map((m) => m[1]!)));
    expect(tokens.size).toBeGreaterThan(3);
    // Token colours and the line numbers are text (4.5:1); the bar marks the line without colour alone (3:1 against the code).
    for (const colour of [...tokens, colours.muted!]) expect(contrastRatio(colour, tint), `${colour} on ${tint}`).toBeGreaterThanOrEqual(4.5);
    const codeBackground = new RegExp(`--shiki-${scheme}-bg:(#[0-9a-f]{6})`, 'i').exec(page)![1]!;
    expect(contrastRatio(colours['line-highlight-bar']!, codeBackground)).toBeGreaterThanOrEqual(3);
  });
});
