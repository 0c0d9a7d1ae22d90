// Stage 6: article markup that needs the site's stylesheet, turned into what feed readers (no CSS, no forms) show well.

const KATEX_HTML = '<span class="katex-html" aria-hidden="true"';

/**
 * Math as MathML only. KaTeX writes each formula twice: MathML, and spans that its stylesheet lays out
 * (and hides the MathML). A feed reader has no stylesheet and would show both; browsers and most readers
 * render MathML, and its TeX annotation remains for those that do not.
 */
export function mathMlOnly(html: string): string {
  let out = '';
  let from = 0;
  for (let start = html.indexOf(KATEX_HTML); start !== -1; start = html.indexOf(KATEX_HTML, from)) {
    out += html.slice(from, start);
    from = closingSpanEnd(html, start);
  }
  return out + html.slice(from);
}

// The index just past the `</span>` that closes the span opening at `start` (KaTeX's markup nests only spans, and SVG).
function closingSpanEnd(html: string, start: number): number {
  const tags = /<span\b|<\/span>/g;
  tags.lastIndex = start;
  let depth = 0;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    depth += match[0] === '</span>' ? -1 : 1;
    if (depth === 0) return tags.lastIndex;
  }
  return html.length;
}

/** A task's checkbox as ☑ or ☐: feed readers strip form controls, and the task's state with them. */
export function checkboxesAsText(html: string): string {
  return html.replace(/<input\b[^>]*\btype="checkbox"[^>]*>/g, (input) => (/\schecked(?=[\s>])/.test(input) ? '☑ ' : '☐ '));
}
