// Stage 6c: one example as a <figure>: title, copy button, highlighted code, verification line and captured output.
import type { Example } from '../examples/extract.ts';
import type { Verification } from '../verify/types.ts';
import { html, raw, type SafeHtml } from '../util/html.ts';
import { copyTextOf, isConsoleLang } from './copy-text.ts';
import { renderCapturedOutput } from './example-output.ts';
import { blockKind, isShownOnly } from './example-kind.ts';
import type { CodeHighlighter, HighlightRequest } from './highlight.ts';
import { badgeText, renderVerificationLine } from './verification-line.ts';

export interface FigureInput {
  example: Example;
  verification: Verification;
  highlighter: CodeHighlighter;
  /** Every example of the same post, to link `with=` files to their figures. @default [] */
  pageExamples?: readonly Example[];
  /** The examples that ran with this block beside them (`with=`), and how they did. @default [] */
  ranWith?: readonly { example: Example; verification: Verification }[];
  /** Which version of the code this is, when the post shows several (`as written in 2006`, `Python 3 port`). */
  variant?: string;
  /** The element id of a figure of this page (a variant's figures are named apart from the post's). @default figureId */
  idOf?: (example: Example) => string;
}

/** The figure's element id, stable within a page: `example-3`. */
export function figureId(example: Example): string {
  return `example-${example.index}`;
}

/**
 * Every block the figure of `example` highlights, as it asks for them: its code, then its expected output and its
 * ```http exchanges when it has them. The build highlights these before rendering (render/highlight-blocks.ts).
 */
export function figureBlocks(example: Example): { code: HighlightRequest; output?: HighlightRequest; exchanges?: HighlightRequest } {
  const { spec } = example;
  // Code is always numbered; a console transcript only when the block asks for it (`linenos`, `showLineNumbers`).
  const { highlight, lineNumbersFrom } = spec.display;
  const lineNumbers = !isConsoleLang(spec.lang) || lineNumbersFrom !== undefined;
  return {
    code: { code: example.code, lang: spec.lang, options: { lineNumbers, lineNumbersFrom, highlightLines: highlight } },
    ...(example.expectedOutput === undefined ? {} : { output: { code: example.expectedOutput, lang: 'text' } }),
    ...(example.exchangesText === undefined ? {} : { exchanges: { code: example.exchangesText, lang: 'http' } }),
  };
}

/** Render the example's figure; support files are wrapped in a collapsed panel. */
export function renderExampleFigure({ example, verification, highlighter, pageExamples = [], ranWith = [], variant, idOf = figureId }: FigureInput): string {
  const { spec } = example;
  const title = spec.file ?? (spec.lang || 'code');
  const blocks = figureBlocks(example);
  const code = highlighter.highlight(blocks.code.code, blocks.code.lang, blocks.code.options);
  // A block the author only shows reads as plain code named for what it is, with no status to explain.
  const shownOnly = ranWith.length === 0 && isShownOnly(spec, verification);
  const badge = shownOnly ? kindLabel(example) : statusBadge(verification, ranWith);
  const figure = html`<figure class="example" id="${idOf(example)}" data-example-status="${verification.status}" data-file="${spec.file ?? ''}" data-run="${spec.run}" data-line="${example.line}"${variant ? html` data-variant="${variant}"` : ''}>
<figcaption class="example-head"><span class="example-title">${shownOnly && !spec.file ? '' : html`<span class="example-file">${title}</span>`}${variant ? html` <span class="example-variant">${variant}</span>` : ''} ${badge}</span>${copyButton(example, title, variant)}</figcaption>
<template class="copy-text">${copyTextOf(example.code, spec.lang)}</template>
${raw(code)}
${expectedOutput(blocks.output, highlighter)}${expectedExchanges(blocks.exchanges, highlighter)}${shownOnly ? '' : ranWith.length > 0 && verification.status === 'skipped' ? ranWithLine(ranWith, idOf) : renderVerificationLine(verification)}${companionList(example, verification, pageExamples, idOf)}${renderCapturedOutput(spec, verification)}</figure>
`;
  if (!spec.support) return figure.value;
  return html`<details class="support-file"><summary><strong>Support file</strong> <code>${title}</code>${usedBy(example, pageExamples)} ${badge}</summary>
${figure}</details>
`.value;
}

/** The status badge of a figure; a support block that does not run alone takes the status of the examples that ran it. */
export function statusBadge(verification: Verification, ranWith: FigureInput['ranWith'] = []): SafeHtml {
  if (verification.status === 'skipped' && ranWith.length > 0) {
    // A block that does not run alone is as verified as the examples that ran with it.
    const failed = ranWith.filter((user) => user.verification.status === 'failed');
    const status = failed.length > 0 ? 'failed' : ranWith.every((user) => user.verification.status === 'passed') ? 'passed' : 'skipped';
    const words = { passed: 'verified with', failed: 'failed with', skipped: 'runs with' }[status];
    return html`<span class="badge badge-${status}">${words} ${namesOf(status === 'failed' ? failed : ranWith)}</span>`;
  }
  return html`<span class="badge badge-${verification.status}">${badgeText(verification)}</span>`;
}

// "command", "output" or "code": the figure's name for a screen reader, and a quiet label on the page.
function kindLabel(example: Example): SafeHtml {
  return html`<span class="example-kind">${blockKind(example.spec)}</span>`;
}

function namesOf(users: NonNullable<FigureInput['ranWith']>): string {
  return users.map((user) => user.example.spec.file ?? `example ${user.example.index}`).join(', ');
}

// Instead of "not run": which examples ran this block beside them, linked, with their outcome.
function ranWithLine(ranWith: NonNullable<FigureInput['ranWith']>, idOf: (example: Example) => string): SafeHtml {
  const links = ranWith.map((user, i) => html`${i ? ', ' : ''}<a href="#${idOf(user.example)}"><code>${user.example.spec.file ?? `example ${user.example.index}`}</code></a> (${badgeText(user.verification)})`);
  return html`<p class="verification">Ran beside ${links}, which ${ranWith.length === 1 ? 'uses' : 'use'} it; checked as part of ${ranWith.length === 1 ? 'that example' : 'those examples'}.</p>
`;
}

// Hidden until copy.js runs, so a page without JavaScript shows no dead button. The live region
// announces "Copied"; the stylesheet shows it as a bubble under the button, so nothing moves.
function copyButton(example: Example, title: string, variant: string | undefined): SafeHtml {
  // Two versions of one block are two buttons: their names say which version each copies.
  const what = `${isConsoleLang(example.spec.lang) ? 'commands' : title}${variant ? ` (${variant})` : ''}`;
  return html`<span class="copy" hidden><span class="copy-status" role="status"></span><button type="button" class="copy-button">Copy<span class="visually-hidden"> ${what}</span></button></span>`;
}

function expectedOutput(block: HighlightRequest | undefined, highlighter: CodeHighlighter): SafeHtml | string {
  if (block === undefined) return '';
  return html`<div class="expected-output"><p class="output-label">Expected output</p>${raw(highlighter.highlight(block.code, block.lang))}</div>
`;
}

// The ```http block after the example: the requests proofpress makes and the responses the post expects.
function expectedExchanges(block: HighlightRequest | undefined, highlighter: CodeHighlighter): SafeHtml | string {
  if (block === undefined) return '';
  return html`<div class="expected-exchanges"><p class="output-label">Requests and expected responses</p>${raw(highlighter.highlight(block.code, block.lang))}</div>
`;
}

// "Ran with myapplication.py and fcgi.py beside it", each linking to its figure on the page.
function companionList(example: Example, verification: Verification, pageExamples: readonly Example[], idOf: (example: Example) => string): SafeHtml | string {
  if (example.companions.length === 0) return '';
  const links = example.companions.map((companion, i) => {
    const target = pageExamples.find((other) => other.line === companion.line);
    const name = html`<code>${companion.name}</code>`;
    const separator = i === 0 ? '' : i === example.companions.length - 1 ? ' and ' : ', ';
    return html`${separator}${target ? html`<a href="#${idOf(target)}">${name}</a>` : name}`;
  });
  const verb = example.spec.run !== 'none' && verification.status !== 'skipped' ? 'Ran' : 'Runs';
  return html`<p class="companions">${verb} with ${links} beside it.</p>\n`;
}

function usedBy(example: Example, pageExamples: readonly Example[]): SafeHtml | string {
  const users = pageExamples.filter((other) => other.companions.some((companion) => companion.line === example.line));
  if (users.length === 0) return '';
  return html` · used by ${users.map((user, i) => html`${i ? ', ' : ''}<code>${user.spec.file ?? `example ${user.index}`}</code>`)}`;
}
