// Stage 6b: the words under each example saying what ran it, when, and with what result.
import type { Verification } from '../verify/types.ts';

const BADGES = { passed: 'verified', failed: 'failed', skipped: 'not run' } as const;

/** The badge text for a status. */
export function badgeText(verification: Verification): string {
  return BADGES[verification.status];
}

/** `2026-11-24 21:09 UTC` from an ISO timestamp. */
export function formatRunTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** One sentence: status, what ran it (Python, gateway, front end), when, and how long it took. */
export function describeVerification(verification: Verification): string {
  const record = verification.record;
  if (verification.status === 'skipped' || !record) return `Not run: ${verification.reason ?? 'shown only'}.`;
  const runtime = record.runtime;
  const parts = [`Python ${runtime.python}`, runtime.gateway];
  if (runtime.frontEnd) parts.push(`front end: ${runtime.frontEnd}`);
  for (const [name, version] of Object.entries(runtime.components ?? {})) parts.push(`${name} ${version}`);
  const when = `${formatRunTime(record.startedAt)}${verification.cached ? ' (cached: same code, spec and runtime)' : ''}`;
  const head = verification.status === 'passed' ? 'Verified' : `Failed (${verification.reason ?? 'see output'})`;
  return `${head}: ran with ${parts.join(' · ')} on ${when} in ${record.durationMs} ms.`;
}
