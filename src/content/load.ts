// Stage 1a: find the post files under content/ and read them as text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';

/** A post file as read from disk. */
export interface SourceFile {
  /** Path relative to the project root, with forward slashes (used in every message). */
  path: string;
  text: string;
}

/** A post file found on disk, not read yet. */
export interface FoundFile {
  /** Absolute path, to read it. */
  file: string;
  /** SourceFile.path: relative to the project root, with forward slashes. */
  path: string;
}

/** Every Markdown post under `contentDir`, sorted by path so builds are deterministic. */
export async function findSourceFiles(root: string, contentDir: string): Promise<FoundFile[]> {
  const files = await glob('**/*.md', { cwd: contentDir, absolute: true, ignore: ['**/node_modules/**'] });
  files.sort();
  return files.map((file) => ({ file, path: path.relative(root, file).split(path.sep).join('/') }));
}

/** Read every Markdown post under `contentDir`, sorted by path so builds are deterministic. */
export async function loadSourceFiles(root: string, contentDir: string): Promise<SourceFile[]> {
  const found = await findSourceFiles(root, contentDir);
  // Read synchronously: a thousand small files read several times faster than through the thread pool.
  return found.map(({ file, path: relative }) => ({ path: relative, text: readFileSync(file, 'utf8') }));
}
