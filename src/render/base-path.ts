// Stage 6r: pages are rendered as if served at a domain's root; this moves every root-relative URL of the HTML under `site.baseUrl`'s path.
//
// One rewrite at the end, not a prefix threaded through every template: it also reaches the owner's own
// Markdown links (`[see](/tags/tech/)`) and raw HTML, which no URL helper sees. Eleventy's HTML <base> plugin
// does the same (https://www.11ty.dev/docs/plugins/html-base/). Entities in text escape `<`, so `<name` only
// opens a real tag; attribute values are matched whole, quoted either way or unquoted, so a `>` inside quotes
// does not end the tag.
import type { SiteInfo } from '../config/schema.ts';
import type { OutputFileData } from './output.ts';
import { basePath } from './urls.ts';

/** Attributes whose value is one URL (HTML's URL-valued attributes). */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite', 'data', 'background']);
/** Attributes holding a comma-separated list of `URL [descriptor]`. */
const SRCSET_ATTRIBUTES = new Set(['srcset', 'imagesrcset']);

const TAG = /<[a-zA-Z][a-zA-Z0-9-]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*\/)*\s*>/g;
const ATTRIBUTE = /(\s)([^\s"'>/=]+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)/g;

/** `files` with every root-relative URL of their HTML pages under the base path; unchanged for a site at a domain's root. */
export function moveUnderBasePath(site: Pick<SiteInfo, 'baseUrl'>, files: OutputFileData[]): OutputFileData[] {
  const base = basePath(site);
  if (base === '/') return files;
  return files.map((file) => (file.path.endsWith('.html') && typeof file.content === 'string' ? { ...file, content: prefixHtml(file.content, base) } : file));
}

/** Every root-relative URL in the tags of `html` with `base` (`/blog/`) in front of it. */
export function prefixHtml(html: string, base: string): string {
  return html.replace(TAG, (tag) => {
    const refresh = /^<meta\s/i.test(tag) && /\shttp-equiv\s*=\s*["']?refresh/i.test(tag);
    return tag.replace(ATTRIBUTE, (match, space: string, name: string, equals: string, quoted: string) => {
      const attribute = name.toLowerCase();
      const rewrite = URL_ATTRIBUTES.has(attribute)
        ? (value: string) => prefixUrl(value, base)
        : SRCSET_ATTRIBUTES.has(attribute)
          ? (value: string) => value.replace(/(^|,)(\s*)(\S+)/g, (_m, comma: string, gap: string, url: string) => `${comma}${gap}${prefixUrl(url, base)}`)
          : refresh && attribute === 'content'
            ? (value: string) => value.replace(/(;\s*url\s*=\s*)(\S+)/i, (_m, head: string, url: string) => `${head}${prefixUrl(url, base)}`)
            : undefined;
      if (!rewrite) return match;
      const quote = quoted[0] === '"' || quoted[0] === "'" ? quoted[0] : '';
      return `${space}${name}${equals}${quote}${rewrite(quote ? quoted.slice(1, -1) : quoted)}${quote}`;
    });
  });
}

// `/x` → `/blog/x`; protocol-relative `//host/x`, absolute, relative and fragment URLs are left alone.
function prefixUrl(url: string, base: string): string {
  return url.startsWith('/') && !url.startsWith('//') ? `${base}${url.slice(1)}` : url;
}
