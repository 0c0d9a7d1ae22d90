// Stage 7: static/ files and the files posts refer to, added to the generated site; a path wanted twice is an error naming both.
import type { SourcedFile } from '../content/static-files.ts';
import { SiteFileError } from '../errors.ts';
import type { OutputFileData } from '../render/output.ts';

/**
 * Built-in files a static/ file replaces: an owner's own icon or crawler rules are the point of static/.
 * Anything else proofpress generates (pages, feeds, assets) is not replaced silently.
 */
export const REPLACEABLE = new Set(['favicon.svg', 'robots.txt']);

/** `generated` plus `added` (static/ files, post images): one list with every path once. */
export function addSourcedFiles(generated: OutputFileData[], added: SourcedFile[]): OutputFileData[] {
  const sources = new Map<string, string>();
  for (const file of added) {
    const earlier = sources.get(file.path);
    if (earlier !== undefined && earlier !== file.source) throw collision(file, earlier);
    sources.set(file.path, file.source);
  }
  const kept = generated.filter((file) => {
    const source = sources.get(file.path);
    if (source === undefined) return true;
    if (REPLACEABLE.has(file.path) && source.startsWith('static/')) return false;
    throw collision({ path: file.path, source }, 'a file proofpress generates');
  });
  const seen = new Set<string>();
  return [...kept, ...added.filter((file) => !seen.has(file.path) && seen.add(file.path))];
}

function collision(file: Pick<SourcedFile, 'path' | 'source'>, other: string): SiteFileError {
  return new SiteFileError(`${file.source} and ${other} would both be published as ${file.path}`, {
    file: file.source,
    hint: file.path.endsWith('.html')
      ? 'Rename or move the static file: pages, posts, tags and feeds own their URLs.'
      : 'Rename or move one of them so that each path in the site has one source.',
  });
}
