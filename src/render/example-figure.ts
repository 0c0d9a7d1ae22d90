// Stage 6c: one example as a <figure>: title, highlighted code, verification line and captured output.
import type { Example } from '../examples/extract.ts';
import type { RunRecord } from '../runners/types.ts';
import type { Verification } from '../verify/types.ts';
import { html, raw, type SafeHtml } from '../util/html.ts';
import type { CodeHighlighter } from './highlight.ts';
import { badgeText, describeVerification } from './verification-line.ts';

export interface FigureInput {
  example: Example;
  verification: Verification;
  highlighter: CodeHighlighter;
}

/** Render the example's figure; support files are wrapped in a collapsed panel. */
export function renderExampleFigure({ example, verification, highlighter }: FigureInput): string {
  const title = example.spec.file ?? (example.spec.lang || 'code');
  const figure = html`<figure class="example" id="example-${example.index}" data-example-status="${verification.status}" data-file="${example.spec.file ?? ''}" data-run="${example.spec.run}" data-line="${example.line}">
<figcaption class="example-head"><span class="example-file">${title}</span> <span class="badge badge-${verification.status}">${badgeText(verification)}</span></figcaption>
${raw(highlighter.highlight(example.code, example.spec.lang))}
${expectedOutput(example, highlighter)}<p class="verification">${describeVerification(verification)}</p>
${capturedOutput(verification)}</figure>
`;
  if (!example.spec.support) return figure.value;
  return html`<details class="support-file"><summary>Support file: ${title} (supplied by the editor; it ran with this post)</summary>
${figure}</details>
`.value;
}

function expectedOutput(example: Example, highlighter: CodeHighlighter): SafeHtml | string {
  if (example.expectedOutput === undefined) return '';
  return html`<div class="expected-output"><p class="output-label">Expected output</p>${raw(highlighter.highlight(example.expectedOutput, 'text'))}</div>
`;
}

function capturedOutput(verification: Verification): SafeHtml | string {
  const record = verification.record;
  if (!record) return '';
  const sections: SafeHtml[] = [];
  if (record.http) sections.push(section('HTTP response', formatHttp(record)));
  if (record.stdout !== undefined && !record.http) sections.push(section(`Standard output (exit code ${record.exitCode ?? 'none'})`, record.stdout));
  if (record.error) sections.push(section('Error', record.error));
  if (verification.diff) sections.push(section('Expected (-) vs actual (+)', verification.diff));
  sections.push(section('Server console', record.serverLog || '(no output)'));
  return html`<details class="example-output"${verification.status === 'failed' ? raw(' open') : ''}><summary>Captured output</summary>
${sections}</details>
`;
}

function section(label: string, text: string): SafeHtml {
  return html`<div class="output-section"><p class="output-label">${label}</p><pre class="output"><code>${text}</code></pre></div>
`;
}

function formatHttp(record: RunRecord): string {
  const http = record.http!;
  const headers = http.headers.map(([name, value]) => `${name}: ${value}`).join('\n');
  return `${http.statusLine}\n${headers}\n\n${http.body}`;
}
