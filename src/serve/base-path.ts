// A site built for a baseUrl with a path (`https://user.github.io/blog/`) is served locally under that path, as its host will serve it.

/** Where a request path lands on a site served under `base` (`/blog/`). */
export type BaseLookup = { kind: 'inside'; sitePath: string } | { kind: 'to-base' } | { kind: 'outside' };

/**
 * `/blog/tags/` → the site's `/tags/`; `/` and `/blog` → a redirect to `/blog/` (so that opening the
 * printed address works); anything else is outside the site, a 404 as on the host. With base `/` every
 * path is inside.
 */
export function lookupUnderBase(pathname: string, base: string): BaseLookup {
  if (base === '/') return { kind: 'inside', sitePath: pathname };
  if (pathname.startsWith(base)) return { kind: 'inside', sitePath: `/${pathname.slice(base.length)}` };
  return pathname === '/' || pathname === base.slice(0, -1) ? { kind: 'to-base' } : { kind: 'outside' };
}

