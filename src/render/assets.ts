// Stage 6: the static files every site ships under /assets/: the theme's stylesheet, the owner's added CSS, the copy-button script.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { LoadedTheme } from '../theme/load-theme.ts';
import type { OutputFileData } from './output.ts';

/** Files of src/render/assets/ published as `/assets/<name>`. Add new assets here. */
export const ASSET_FILES = ['style.css', 'copy.js'] as const;

/** Where the theme folders' extra `*.css` and the config's `css` are published, after the theme's stylesheet. */
export const THEME_CSS_URL = '/assets/theme.css';

/** The stylesheets every page links, in cascade order. */
export function stylesheetUrls(loaded: LoadedTheme): string[] {
  return ['/assets/style.css', ...(loaded.extraCss ? [THEME_CSS_URL] : [])];
}

/** Every asset as an output file; style.css is the theme's (the built-in one unless a theme replaces it). */
export async function loadAssetFiles(loaded: LoadedTheme): Promise<OutputFileData[]> {
  const files = await Promise.all(
    ASSET_FILES.map(async (name) => ({
      path: `assets/${name}`,
      content: name === 'style.css' ? loaded.theme.stylesheet : await readFile(fileURLToPath(new URL(`./assets/${name}`, import.meta.url)), 'utf8'),
    })),
  );
  return [...files, ...(loaded.extraCss ? [{ path: THEME_CSS_URL.slice(1), content: loaded.extraCss }] : [])];
}
