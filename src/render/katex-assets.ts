// Stage 6: what math needs in the browser: KaTeX's stylesheet and fonts, published under /assets/katex/ when a page holds math.
// KaTeX (MIT, fonts included) is typeset at build time; pages load no KaTeX script. Its licence is published beside its files.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OutputFileData } from './output.ts';

/** Root-relative URL of KaTeX's stylesheet on the site. */
export const KATEX_STYLESHEET = '/assets/katex/katex.min.css';

/** Whether `html` holds math KaTeX typeset (every formula is a `.katex` span): its page needs the stylesheet. */
export function usesMath(html: string): boolean {
  return html.includes('<span class="katex">');
}

/**
 * KaTeX's stylesheet, its WOFF2 fonts and its licence, as output files. The stylesheet also names WOFF and
 * TTF copies for browsers from before 2016; those are left out (about 0.9 MB) and dropped from it, so no
 * URL in it points at a missing file.
 */
export async function loadKatexAssets(): Promise<OutputFileData[]> {
  const dist = path.dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'));
  const css = await readFile(path.join(dist, 'katex.min.css'), 'utf8');
  const fonts = (await readdir(path.join(dist, 'fonts'))).filter((name) => name.endsWith('.woff2')).sort();
  return [
    { path: KATEX_STYLESHEET.slice(1), content: css.replace(/,url\(fonts\/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, '') },
    ...(await Promise.all(fonts.map(async (name) => ({ path: `assets/katex/fonts/${name}`, content: await readFile(path.join(dist, 'fonts', name)) })))),
    { path: 'assets/katex/LICENSE', content: await readFile(path.join(dist, '..', 'LICENSE'), 'utf8') },
  ];
}
