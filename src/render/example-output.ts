// Stage 6c: an example's captured output as a collapsible panel: the HTTP exchange as the client saw it, then the console.
import type { ExampleSpec } from '../examples/fence-info.ts';
import type { CommandRecord, HttpCapture, RunRecord } from '../runners/types.ts';
import type { Verification } from '../verify/types.ts';
import { html, type SafeHtml } from '../util/html.ts';

/** `<details class="example-output">`, open when the example failed; empty for examples that did not run. */
export function renderCapturedOutput(spec: ExampleSpec, verification: Verification): SafeHtml | string {
  const record = verification.record;
  if (!record) return '';
  const sections: SafeHtml[] = [];
  if (record.commands) sections.push(section('The session as it ran', formatSession(record.commands)));
  if (record.exchanges) {
    for (const exchange of record.exchanges) {
      const request = `${exchange.request.method} ${exchange.request.path}`;
      if (exchange.response) sections.push(section(`HTTP response to ${request}, as the client received it`, formatHttp(exchange.response)));
      else sections.push(section(`${request}: no response`, exchange.error ?? ''));
    }
  } else if (record.http) sections.push(section(`HTTP response to GET ${spec.path}, as the client received it`, formatHttp(record.http)));
  if (record.stdout !== undefined && !record.http) sections.push(section(`Standard output (exit code ${record.exitCode ?? 'none'})`, record.stdout));
  if (record.error) sections.push(section('Error', record.error));
  if (verification.diff) sections.push(section('Expected (-) vs actual (+)', verification.diff));
  const consoleLabel = spec.run === 'script' || spec.run === 'doctest' ? 'Console (standard output and error)' : spec.run === 'console' ? 'Everything printed, in order' : 'Server console';
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

// Each command with what it printed, as a terminal shows it; a server says it was left running.
function formatSession(commands: CommandRecord[]): string {
  return commands
    .map((command) => {
      const prompt = `$ ${command.command.replace(/\n/g, '\n> ')}`;
      const status = command.server
        ? `(left running: listening on port ${command.server.port})`
        : command.error ?? (command.exitCode !== 0 ? `[${command.exitCode ?? command.signal}]` : '');
      return [prompt, command.output.replace(/\n$/, ''), status].filter((part) => part !== '').join('\n');
    })
    .join('\n');
}

function formatHttp(http: HttpCapture): string {
  const headers = http.headers.map(([name, value]) => `${name}: ${value}`).join('\n');
  return `${http.statusLine}\n${headers}\n\n${http.body}`;
}
