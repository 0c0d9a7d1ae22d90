// Stage 6b: the words under each example saying what ran it, when, and with what result.
import type { RuntimeInfo } from '../runners/types.ts';
import type { Verification } from '../verify/types.ts';
import { html, type SafeHtml } from '../util/html.ts';

const BADGES = { passed: 'verified', failed: 'failed', skipped: 'not run' } as const;

/** The badge text for a status. */
export function badgeText(verification: Verification): string {
  return BADGES[verification.status];
}

/** `2026-11-24 21:09 UTC` from an ISO timestamp. */
export function formatRunTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** What ran an example, in reading order: interpreter, gateway, front end, then other components. */
export function describeRuntime(runtime: RuntimeInfo): string[] {
  const parts = [runtime.interpreter, runtime.gateway];
  if (runtime.frontEnd) parts.push(`front end: ${runtime.frontEnd}`);
  for (const [name, version] of Object.entries(runtime.components ?? {})) {
    // The FastCGI runner lists nginx both as the front end and as a component: name it once.
    if (runtime.frontEnd !== `${name} ${version}`) parts.push(`${name} ${version}`);
  }
  if (runtime.isolation) parts.push(`isolated by ${runtime.isolation}`);
  return parts;
}

/** One sentence of plain text: status, what ran it, when, and how long it took (for terminals). */
export function describeVerification(verification: Verification): string {
  const record = verification.record;
  if (verification.status === 'skipped' || !record) return `Not run: ${verification.reason ?? 'shown only'}.`;
  const when = `${formatRunTime(record.startedAt)}${verification.cached ? ' (cached: same code, spec and runtime)' : ''}`;
  return `${statusWords(verification)}: ran with ${describeRuntime(record.runtime).join(' · ')} on ${when} in ${record.durationMs} ms.`;
}

/** The same sentence as `<p class="verification">`, with the run time as a `<time>` element. */
export function renderVerificationLine(verification: Verification): SafeHtml {
  const record = verification.record;
  if (verification.status === 'skipped' || !record) {
    return html`<p class="verification">Not run: ${verification.reason ?? 'shown only'}.</p>\n`;
  }
  const cached = verification.cached ? ' (cached: same code, spec and runtime)' : '';
  return html`<p class="verification"><strong>${statusWords(verification)}</strong>: ran with ${describeRuntime(record.runtime).join(' · ')} on <time datetime="${record.startedAt}">${formatRunTime(record.startedAt)}</time>${cached} in ${record.durationMs} ms.</p>\n${renderChecks(verification)}`;
}

// What "verified" covered: each check made, so a reader can tell a status check from a full comparison.
function renderChecks(verification: Verification): SafeHtml | string {
  const checked = verification.checked ?? [];
  if (checked.length === 0) return '';
  return html`<p class="checks">Checked: ${checked.map((check, i) => html`${i ? '; ' : ''}<code>${check}</code>`)}.</p>\n`;
}

function statusWords(verification: Verification): string {
  return verification.status === 'passed' ? 'Verified' : `Failed (${verification.reason ?? 'see output'})`;
}
