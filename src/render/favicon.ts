// Stage 6: the site icon, a check mark drawn as SVG, so browsers find one without asking for /favicon.ico.
import type { OutputFileData } from './output.ts';

/** Root-relative URL of the icon, linked from every page's head. */
export const FAVICON_URL = '/favicon.svg';

/** `favicon.svg`: a white check mark on green, the colour of a verified example. */
export function renderFavicon(): OutputFileData {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1a7f37"/><path d="M8 16.5l5.5 5.5L24 10.5" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>\n`;
  return { path: FAVICON_URL.slice(1), content: svg };
}
