// Tests katex-assets: KaTeX's stylesheet, WOFF2 fonts and licence are published, and the stylesheet names no missing file.
import { describe, expect, test } from 'vitest';
import { KATEX_STYLESHEET, loadKatexAssets, usesMath } from '../../../src/render/katex-assets.ts';

describe('render/katex-assets', () => {
  test('publishes the stylesheet, every font it uses and the MIT licence, and nothing else', async () => {
    const files = await loadKatexAssets();
    const paths = new Set(files.map((file) => file.path));
    const css = String(files.find((file) => `/${file.path}` === KATEX_STYLESHEET)!.content);
    const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((match) => `assets/katex/${match[1]}`);
    expect(urls.length).toBeGreaterThan(15);
    for (const url of urls) expect(paths, url).toContain(url);
    expect([...paths].filter((path) => path.startsWith('assets/katex/fonts/')).every((path) => path.endsWith('.woff2'))).toBe(true);
    expect(String(files.find((file) => file.path === 'assets/katex/LICENSE')!.content)).toContain('The MIT License');
    // About 300 KB of fonts and 20 KB of CSS, not the 1.2 MB of every format.
    expect(files.reduce((sum, file) => sum + file.content.length, 0)).toBeLessThan(400_000);
  });

  test('tells a page with typeset math from one without', () => {
    expect(usesMath('<p><span class="katex"><span class="katex-mathml">')).toBe(true);
    expect(usesMath('<p>class=&quot;katex&quot; in prose</p>')).toBe(false);
  });
});
