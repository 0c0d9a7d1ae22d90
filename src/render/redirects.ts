// Stage 6m: old URLs of posts (front-matter `aliases`, WordPress `/?p=ID` short links) as redirect rules, validated once.
import { RenderError } from '../errors.ts';
import type { PostEntry } from './post-entry.ts';
import { decodeUrlPath, fileForUrl } from './urls.ts';

/** One old URL and the post page it now points to. */
export interface Redirect {
  /** Path of the old URL (`/`, `/2006/08/31/old.html`), as written (percent-encoded). */
  fromPath: string;
  /** For query-string URLs (`/?p=120`): the parameter that must match; such URLs cannot be files. */
  query?: { name: string; value: string };
  /** Root-relative URL of the post. */
  to: string;
  title: string;
  /** Post file that declared it, for errors. */
  source: string;
}

// Old URLs end up in nginx and _redirects syntax, so they are held to characters that need no quoting
// there: a path, and at most one `name=value` query parameter (what WordPress short links use).
const ALIAS = /^(\/[A-Za-z0-9._~%+,:@/-]*)(?:\?([A-Za-z0-9_]+)=([A-Za-z0-9._~%+-]+))?$/;

/** Every redirect of `entries`. `pageFiles` are the files of the site's own pages, which an old path may not replace. */
export function collectRedirects(entries: PostEntry[], pageFiles: ReadonlySet<string>): Redirect[] {
  const redirects: Redirect[] = [];
  const seen = new Map<string, Redirect>();
  const postFiles = new Map(entries.map((entry) => [fileForUrl(entry.url), entry.post.source]));
  for (const entry of entries) {
    const declared = [...entry.post.aliases];
    if (entry.post.wordpressPostId !== undefined) declared.push(`/?p=${entry.post.wordpressPostId}`);
    for (const alias of declared) {
      const redirect = parseAlias(alias, entry);
      const key = redirectKey(redirect);
      const previous = seen.get(key);
      if (previous && previous.to !== redirect.to) throw aliasError(entry, alias, `is already an old URL of ${previous.source}`);
      const file = fileForUrl(decodeUrlPath(redirect.fromPath));
      // The error names both files when the alias is another post's URL (the redirect would replace that post).
      if (!redirect.query && postFiles.has(file)) throw aliasError(entry, alias, `is the URL of the post ${postFiles.get(file)}`);
      if (!redirect.query && pageFiles.has(file)) throw aliasError(entry, alias, 'is the URL of a page of this site');
      if (previous) continue;
      seen.set(key, redirect);
      redirects.push(redirect);
    }
  }
  return redirects;
}

function parseAlias(alias: string, entry: PostEntry): Redirect {
  const match = ALIAS.exec(alias);
  if (!match) throw aliasError(entry, alias, 'has characters an old URL may not hold');
  const [, fromPath, name, value] = match;
  if (/%(?![0-9A-Fa-f]{2})/.test(alias) || /%[01][0-9A-Fa-f]|%7F/i.test(alias)) throw aliasError(entry, alias, 'has a bad or control-character %-escape');
  const base = { fromPath: fromPath!, to: entry.url, title: entry.post.title, source: entry.post.source };
  return name === undefined ? base : { ...base, query: { name, value: value! } };
}

function redirectKey(redirect: Redirect): string {
  return redirect.query ? `${redirect.fromPath}?${redirect.query.name}=${redirect.query.value}` : redirect.fromPath;
}

function aliasError(entry: PostEntry, alias: string, problem: string): RenderError {
  return new RenderError(`Old URL \`${alias}\` ${problem}`, {
    file: entry.post.source,
    hint: 'Write each alias as a root-relative path (`/2006/08/31/old-name.html`), optionally with one `?name=value`; remove duplicates.',
  });
}
