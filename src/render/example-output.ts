// Stage 6c: an example's captured output as a collapsible panel: the HTTP exchange as the client saw it, then the console.
import type { ExampleSpec } from '../examples/fence-info.ts';
import type { HttpCapture, RunRecord } from '../runners/types.ts';
import type { Verification } from '../verify/types.ts';
import { html, type SafeHtml } from '../util/html.ts';

/** `<details class="example-output">`, open when the example failed; empty for examples that did not run. */
export function renderCapturedOutput(spec: ExampleSpec, verification: Verification): SafeHtml | string {
  const record = verification.record;
  if (!record) return '';
  const sections: SafeHtml[] = [];
  if (record.http) sections.push(section(`HTTP response to GET ${spec.path}, as the client received it`, formatHttp(record.http)));
  if (record.stdout !== undefined && !record.http) sections.push(section(`Standard output (exit code ${record.exitCode ?? 'none'})`, record.stdout));
  if (record.error) sections.push(section('Error', record.error));
  if (verification.diff) sections.push(section('Expected (-) vs actual (+)', verification.diff));
  const consoleLabel = spec.run === 'script' ? 'Console (standard output and error)' : 'Server console';
  sections.push(section(consoleLabel, record.serverLog || '(no output)'));
  const open = verification.status === 'failed';
  return html`<details class="example-output"${open ? html` open` : ''}><summary>Captured output${summaryHint(record)}</summary>
${sections}</details>
`;
}

// The status line, error or exit code in the summary tells the outcome before the reader opens the panel.
function summaryHint(record: RunRecord): SafeHtml | string {
  const exit = record.stdout !== undefined && record.exitCode !== undefined ? `exit code ${record.exitCode}` : undefined;
  const hint = record.http?.statusLine ?? record.error?.split('\n')[0] ?? exit;
  return hint ? html` <span class="summary-hint">${hint}</span>` : '';
}

function section(label: string, text: string): SafeHtml {
  return html`<div class="output-section"><p class="output-label">${label}</p><pre class="output"><code>${text}</code></pre></div>
`;
}

function formatHttp(http: HttpCapture): string {
  const headers = http.headers.map(([name, value]) => `${name}: ${value}`).join('\n');
  return `${http.statusLine}\n${headers}\n\n${http.body}`;
}
