// Stage 1a: find the post files under content/ and read them as text.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';

/** A post file as read from disk. */
export interface SourceFile {
  /** Path relative to the project root, with forward slashes (used in every message). */
  path: string;
  text: string;
}

/** Read every Markdown post under `contentDir`, sorted by path so builds are deterministic. */
export async function loadSourceFiles(root: string, contentDir: string): Promise<SourceFile[]> {
  const files = await glob('**/*.md', { cwd: contentDir, absolute: true, ignore: ['**/node_modules/**'] });
  files.sort();
  return Promise.all(
    files.map(async (file) => ({
      path: path.relative(root, file).split(path.sep).join('/'),
      text: await readFile(file, 'utf8'),
    })),
  );
}
