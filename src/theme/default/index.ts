// The built-in theme: every piece of the contract, the last place the lookup (blog → theme package → built-in) reaches.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Theme } from '../contract.ts';
import { footer } from './footer.ts';
import { header } from './header.ts';
import { indexPage } from './index-page.ts';
import { layout } from './layout.ts';
import { notFound } from './not-found.ts';
import { postPage } from './post-page.ts';
import { tagIndex, tagPage } from './tag-page.ts';

/** The built-in pieces, with the stylesheet read from src/render/assets/style.css. */
export async function loadDefaultTheme(): Promise<Theme> {
  const stylesheet = await readFile(fileURLToPath(new URL('../../render/assets/style.css', import.meta.url)), 'utf8');
  return { layout, header, footer, postPage, indexPage, tagPage, tagIndex, notFound, stylesheet };
}
