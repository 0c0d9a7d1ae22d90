// The site's `_redirects` file (render/redirect-maps.ts writes it) read and applied the way Netlify does.
//
// Only what proofpress generates is understood: `FROM [name=value] TO [STATUS[!]]` with literal paths and
// redirect statuses. Rules apply top to bottom, the first that matches wins. A rule without `!` is
// shadowed by a file at its path (Netlify serves the file), so an alias path answers with its meta-refresh
// page; a forced rule (`301!`, proofpress's `/?p=ID` short links) redirects even where a file exists.
// https://docs.netlify.com/routing/redirects/redirect-options/
import { decodeUrlPath } from '../render/urls.ts';

/** One line of `_redirects`. */
export interface RedirectRule {
  /** The path as written, compared decoded and without a trailing slash (Netlify matches `/a` and `/a/` alike). */
  from: string;
  query?: { name: string; value: string };
  to: string;
  status: number;
  /** `!`: applies even where a file answers the path. */
  force: boolean;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The rules of a `_redirects` file; comments, blank lines and lines outside the subset above are skipped. */
export function parseRedirects(text: string): RedirectRule[] {
  const rules: RedirectRule[] = [];
  for (const line of text.split('\n')) {
    const fields = line.replace(/#.*$/, '').trim().split(/\s+/).filter(Boolean);
    if (fields.length < 2 || !fields[0]!.startsWith('/')) continue;
    const [from, ...rest] = fields as [string, ...string[]];
    const query = /^\w+=/.test(rest[0] ?? '') ? rest.shift()!.split('=') : undefined; // `page_id=42`, not a `to` URL with a query
    const [to, statusField = '301'] = rest;
    const status = Number(statusField.replace(/!$/, ''));
    if (!to || !REDIRECT_STATUSES.has(status) || /[*:]/.test(from)) continue;
    rules.push({ from, to, status, force: statusField.endsWith('!'), ...(query ? { query: { name: query[0]!, value: query.slice(1).join('=') } } : {}) });
  }
  return rules;
}

/** The rule that redirects `url` (a path with its query), given whether a file answers its path; undefined: serve as usual. */
export function matchRedirect(rules: readonly RedirectRule[], url: URL, fileExists: boolean): RedirectRule | undefined {
  const requested = comparable(url.pathname);
  return rules.find(
    (rule) =>
      (rule.force || !fileExists) &&
      comparable(rule.from) === requested &&
      (!rule.query || url.searchParams.get(rule.query.name) === decodeUrlPath(rule.query.value)),
  );
}

function comparable(pathname: string): string {
  const decoded = decodeUrlPath(pathname);
  return decoded.length > 1 ? decoded.replace(/\/+$/, '') : decoded;
}
