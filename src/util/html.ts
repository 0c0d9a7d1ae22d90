// Small HTML helpers shared by every page template: escaping and attribute building.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for use in HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** Tagged template that escapes every interpolated value unless it is marked as `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += renderValue(value) + strings[index + 1]!;
  });
  return new SafeHtml(out);
}

// The mark of safe markup, shared by every copy of proofpress in a process: a theme that imports `proofpress` may get
// another copy of this module than the engine runs (the package's TypeScript sources beside its compiled dist/src/),
// and the engine's SafeHtml must still pass through that copy's html`…` unescaped. Only code can set a symbol.
const SAFE_HTML = Symbol.for('proofpress.safe-html');

/** Markup that is already safe (escaped or produced by a trusted renderer). */
export class SafeHtml {
  readonly [SAFE_HTML] = true;
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Mark trusted markup (from markdown-it or shiki) as safe to interpolate. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function renderValue(value: unknown): string {
  if (value === undefined || value === null || value === false) return '';
  if (isSafeHtml(value)) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  return escapeHtml(String(value));
}

/** Whether `value` is SafeHtml made by any copy of proofpress. */
export function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && (value as { [SAFE_HTML]?: unknown })[SAFE_HTML] === true;
}
