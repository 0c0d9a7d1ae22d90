// The Content-Type of a site file by its extension (mrmime's table, which sirv uses too), with a charset for text.
import { lookup } from 'mrmime';

/** `text/html; charset=utf-8`, `application/atom+xml; charset=utf-8`, `image/png`; unknown → octet-stream. */
export function contentTypeOf(file: string): string {
  const type = lookup(file) ?? (file.endsWith('_redirects') || file.endsWith('.conf') ? 'text/plain' : 'application/octet-stream');
  // Every text file proofpress writes is UTF-8; say so, or a browser may guess another encoding for .txt and .xml.
  return /^text\/|\+xml$|\/xml$|\/javascript$|\/json$|\+json$/.test(type) ? `${type}; charset=utf-8` : type;
}
