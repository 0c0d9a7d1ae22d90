// Stage 1c: normalise front-matter quirks of posts migrated from WordPress/Python exporters, ahead of the schema.

/** `u'Tech'` / `u"Tech"` (a Python 2 unicode repr) → `Tech`; other values unchanged. */
export function unwrapPythonRepr(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  // One quoted literal only: `'Hello' and 'World'` is a title, not a repr, and stays as it is.
  const match = /^u?(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")$/s.exec(value.trim());
  return match ? (match[1] ?? match[2] ?? '').replace(/\\(.)/g, '$1') : value;
}

/** Collapse the whitespace a folded or multi-line YAML title leaves behind. */
export function foldTitle(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : value;
}

/** A string list written as `[u'Tech']`, a comma string or a single value → clean strings. */
export function normaliseStringList(value: unknown): unknown {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
  return items.map(unwrapPythonRepr).map((item) => (typeof item === 'string' ? item.trim() : item));
}

/** `wordpress: [{post_id: 120}]` (a list of one-key maps) → `{post_id: 120}`. */
export function mergeListOfMaps(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  if (!value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) return value;
  return Object.assign({}, ...value);
}

/**
 * A timezone-less date (`2006-08-31T16:24:46`) is read as UTC. js-yaml already does so for unquoted
 * timestamps; quoted ones arrive as strings and get the same treatment here.
 */
export function normaliseDate(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) return value;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  const date = new Date(hasZone || text.length === 10 ? text : `${text.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? value : date;
}

/** Apply every legacy normalisation to raw front matter. */
export function normaliseLegacyFrontMatter(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  if ('title' in out) out.title = foldTitle(unwrapPythonRepr(out.title));
  for (const key of ['tags', 'aliases', 'requirements', 'provenance', 'themes', 'projects', 'posttypes']) {
    if (key in out) out[key] = normaliseStringList(out[key]);
  }
  for (const key of ['date', 'updated']) {
    if (key in out) out[key] = normaliseDate(out[key]);
  }
  if ('wordpress' in out) out.wordpress = mergeListOfMaps(out.wordpress);
  if (typeof out.featured === 'string') out.featured = /^(true|yes)$/i.test(out.featured);
  return out;
}
