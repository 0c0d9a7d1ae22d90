// Whether a published folder already holds exactly the files a build is about to write, so it can be left alone.
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** A file a build writes, by its path relative to the folder. */
export interface FolderFile {
  path: string;
  content: string | Uint8Array;
}

/**
 * True when `dir` holds `files` byte for byte and no other file, except those `alsoAllowed` names (relative,
 * with `/`). A symbolic link, or anything that is neither file nor folder, counts as a difference: the build
 * never writes one. Empty folders are ignored. Any error reading the folder is a difference, never a failure.
 */
export async function holdsExactly(dir: string, files: readonly FolderFile[], alsoAllowed: (name: string) => boolean = () => false): Promise<boolean> {
  try {
    const expected = new Map(files.map((file) => [path.posix.normalize(file.path.split(path.sep).join('/')), file.content]));
    let found = 0;
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isDirectory()) continue;
      const name = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      if (!entry.isFile()) return false;
      if (expected.has(name)) found += 1;
      else if (!alsoAllowed(name)) return false;
    }
    if (found !== expected.size) return false;
    // Read synchronously: thousands of small files compare several times faster than through the thread pool, and
    // the first difference ends the comparison.
    for (const [name, content] of expected) {
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      if (!readFileSync(path.join(dir, name)).equals(bytes)) return false;
    }
    return true;
  } catch {
    return false;
  }
}
