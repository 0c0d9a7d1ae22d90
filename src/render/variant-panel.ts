// Stage 6c': a block shown in several versions: the post's figure, then each variant (a port) in a disclosure with the diff.
// <details> needs no JavaScript, is announced as a disclosure by screen readers, and a feed reader shows its content.
import type { Example } from '../examples/extract.ts';
import type { Verification } from '../verify/types.ts';
import { html, raw, type SafeHtml } from '../util/html.ts';
import { describeChangeCount, diffCode, renderCodeDiff } from './code-diff.ts';
import { renderExampleFigure, statusBadge } from './example-figure.ts';
import type { CodeHighlighter } from './highlight.ts';

/** An example with its verification. */
export interface VerifiedExample {
  example: Example;
  verification: Verification;
}

/** One variant of a post's block, as the page shows it. */
export interface VariantView extends VerifiedExample {
  /** The variant's name: its file's title (`Python 3 port`). */
  name: string;
  /** What the post's own version is called beside it (`as written in 2006`). */
  originalName: string;
  /** The variant's support blocks this block runs with (`with=`), shown in its panel. */
  support: VerifiedExample[];
  /** Every example of the variant file, for `with=` links and "verified with" badges inside the panel. */
  all: readonly VerifiedExample[];
}

/** The element id of a variant's figure: its file's slug keeps it apart from the post's `example-N`. */
export function variantFigureId(example: Example): string {
  return `${example.slug}-example-${example.index}`;
}

/** The post's figure (already rendered) followed by one collapsed panel per variant. */
export function renderVariantGroup(args: { figure: string; original: Example; views: readonly VariantView[]; highlighter: CodeHighlighter }): string {
  const panels = args.views.map((view) => renderPanel(args.original, view, args.highlighter));
  return html`<div class="variants">
${raw(args.figure)}${panels}</div>
`.value;
}

function renderPanel(original: Example, view: VariantView, highlighter: CodeHighlighter): SafeHtml {
  const diff = diffCode(original.code, view.example.code);
  const interpreter = view.verification.record?.runtime.interpreter;
  const figure = (entry: VerifiedExample) =>
    raw(
      renderExampleFigure({
        ...entry,
        highlighter,
        pageExamples: view.all.map((other) => other.example),
        ranWith: ranWithOf(entry.example, view.all),
        variant: entry === view ? view.name : undefined,
        idOf: variantFigureId,
      }),
    );
  const changes = diff.changedLines === 0
    ? html`<p class="variant-unchanged">Unchanged from the code ${view.originalName}.</p>\n`
    : html`<div class="variant-diff"><p class="output-label">What the ${view.name} changed</p>${renderCodeDiff(diff, { before: view.originalName, after: view.name })}</div>\n`;
  return html`<details class="variant">
<summary><span class="variant-name">${view.name}</span> ${statusBadge(view.verification, ranWithOf(view.example, view.all))} <span class="variant-summary">${describeChangeCount(diff)}${interpreter ? ` · ran with ${interpreter}` : ''}</span></summary>
${changes}${figure(view)}${view.support.map(figure)}</details>
`;
}

// The variant's examples that ran `example` beside them (`with=`), as the post's own figures work it out.
function ranWithOf(example: Example, all: readonly VerifiedExample[]): VerifiedExample[] {
  return all.filter((other) => other.example.companions.some((companion) => companion.line === example.line));
}
