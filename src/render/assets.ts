// Stage 6: the static files every site ships under /assets/ (stylesheet and the copy-button script).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { OutputFileData } from './output.ts';

/** Files of src/render/assets/ published as `/assets/<name>`. Add new assets here. */
export const ASSET_FILES = ['style.css', 'copy.js'] as const;

/** Read every asset as an output file (`assets/style.css`, `assets/copy.js`). */
export async function loadAssetFiles(): Promise<OutputFileData[]> {
  return Promise.all(
    ASSET_FILES.map(async (name) => ({
      path: `assets/${name}`,
      content: await readFile(fileURLToPath(new URL(`./assets/${name}`, import.meta.url)), 'utf8'),
    })),
  );
}
