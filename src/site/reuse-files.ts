// Stage 7: a file the published site already has, byte for byte, hard-linked into the new site instead of written again.
import { link, readFile, stat } from 'node:fs/promises';

/**
 * Link `published` to `target` when it holds exactly `content`, and say whether it did. Safe because nothing writes
 * into a published file in place: a new site's changed files are new files, so the published site stays whole
 * until the swap replaces it, and a shared inode holds the same bytes in both. Where a link is impossible
 * (another file system, a host that forbids them), or the file is new or changed, the caller writes it.
 */
export async function linkIfUnchanged(published: string, target: string, content: string | Uint8Array): Promise<boolean> {
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    // The size first: most changed files differ in length, and a stat costs much less than a read.
    if ((await stat(published)).size !== bytes.length || !(await readFile(published)).equals(bytes)) return false;
    await link(published, target);
    return true;
  } catch {
    return false; // absent before, or not linkable
  }
}
