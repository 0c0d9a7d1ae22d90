// Which file of a built site answers a URL path, as static hosts map them (GitHub Pages, Netlify, nginx's try_files).
import path from 'node:path';

/** What a host does with a URL path: serve a file, or redirect a folder URL to its trailing-slash form. */
export type HostLookup = { kind: 'file'; file: string } | { kind: 'slash'; location: string };

/**
 * The answer to `pathname` (as in the request, %-escaped) for a site whose files `isFile` knows, by path
 * relative to the site root with forward slashes; undefined when nothing answers (the host's 404).
 * `/a/` is `a/index.html`; `/a` is the file `a`, else `a.html`, else a redirect to `/a/` when `a/index.html`
 * exists (hosts redirect so that relative links resolve inside the folder). A path that is malformed or
 * climbs out of the site (`/../x`, a NUL) answers nothing; there is never a folder listing.
 */
export function lookupUrlPath(pathname: string, isFile: (file: string) => boolean): HostLookup | undefined {
  const decoded = decodePath(pathname);
  if (decoded === undefined || decoded.includes('\0') || !decoded.startsWith('/')) return undefined;
  const normal = path.posix.normalize(decoded);
  if (normal.split('/').includes('..')) return undefined;
  const relative = normal.replace(/^\/+/, '');
  if (relative === '' || relative.endsWith('/')) {
    const index = `${relative}index.html`;
    return isFile(index) ? { kind: 'file', file: index } : undefined;
  }
  if (isFile(relative)) return { kind: 'file', file: relative };
  if (isFile(`${relative}.html`)) return { kind: 'file', file: `${relative}.html` };
  if (isFile(`${relative}/index.html`)) return { kind: 'slash', location: `${pathname}/` };
  return undefined;
}

function decodePath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}
