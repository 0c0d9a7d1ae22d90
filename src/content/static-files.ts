// Stage 1: the project's static/ folder (favicon, avatar, PDFs), read as is to be published at the same paths.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';

/** The folder copied as is into the site. */
export const STATIC_FOLDER = 'static';

/** A file published unchanged, with where it came from (for collision errors). */
export interface SourcedFile {
  /** Path in the site, forward slashes: `images/logo.png`. */
  path: string;
  content: Uint8Array;
  /** Path of the source file relative to the project root: `static/images/logo.png`. */
  source: string;
}

/** Every file under static/ (dot folders such as `.well-known/` included; OS litter left out), sorted by path. */
export async function readStaticFiles(root: string): Promise<SourcedFile[]> {
  const dir = path.join(root, STATIC_FOLDER);
  const files = await glob('**/*', { cwd: dir, dot: true, onlyFiles: true, ignore: ['**/.DS_Store', '**/Thumbs.db'] });
  files.sort();
  return Promise.all(
    files.map(async (file) => ({
      path: file,
      content: new Uint8Array(await readFile(path.join(dir, file))),
      source: `${STATIC_FOLDER}/${file}`,
    })),
  );
}
