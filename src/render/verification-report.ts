// Stage 6p: the verification report: every example of the site with its post, location, status, runtime and time, as a page and as JSON.
import { exampleName } from '../examples/extract.ts';
import type { Example } from '../examples/extract.ts';
import type { ParsedPost } from '../markdown/parse.ts';
import type { Verification } from '../verify/types.ts';
import { html, type SafeHtml } from '../util/html.ts';
import { figureId } from './example-figure.ts';
import { blockKind, isShownOnly } from './example-kind.ts';
import { stringifySafeJson } from './json.ts';
import { type PageContext, renderLayout } from './layout.ts';
import type { OutputFileData } from './output.ts';
import type { PostEntry } from './post-entry.ts';
import { fileForUrl, VERIFICATION_URL } from './urls.ts';
import { variantFigureId } from './variant-panel.ts';
import { badgeText, describeRuntime, formatRunTime } from './verification-line.ts';

/** One example as the report lists it. */
interface ReportRow {
  entry: PostEntry;
  example: Example;
  verification: Verification;
  /** Root-relative URL of the example's figure on its post page. */
  url: string;
  /** The variant (a port) the example belongs to, by its title; undefined for the post's own code. */
  variant?: string;
}

// The post's examples, then those of each variant shown on its page (their figures are there too).
function reportRows(entry: PostEntry): ReportRow[] {
  return [
    ...entry.verified.examples.map((example, i) => ({ entry, example, verification: entry.verified.verifications[i]!, url: `${entry.url}#${figureId(example)}` })),
    ...(entry.verified.variants ?? []).flatMap(({ post }) =>
      post.examples.map((example, i) => ({ entry, example, verification: post.verifications[i]!, url: `${entry.url}#${variantFigureId(example)}`, variant: post.parsed.post.title })),
    ),
  ];
}

/** The postDigest() of each entry (render/cache/render-keys.ts): what the report shows of a post is made from it and its URL. */
export type EntryDigests = ReadonlyMap<PostEntry, string>;

/** What the report page shows of one post: its rows' statuses and its table (none for a post without examples of its own). */
interface PagePart {
  rows: number;
  statuses: Verification['status'][];
  section: SafeHtml | '';
}

/** `/verification/`: a table per post of its examples, each linking to its figure. With `digests`, a post's table is made again only when it changed. */
export function renderVerificationPage(ctx: PageContext, entries: PostEntry[], digests?: EntryDigests): OutputFileData {
  const parts = entries.map((entry) => keptPart(pageParts, entry, digests, (rows): PagePart => ({
    rows: rows.length,
    statuses: rows.map((row) => row.verification.status),
    section: entry.verified.examples.length > 0 ? renderSection(entry, rows) : '',
  })));
  const count = (status: Verification['status']) => parts.reduce((sum, part) => sum + part.statuses.filter((each) => each === status).length, 0);
  const body = html`<h1>Verification report</h1>
<p class="report-summary">${parts.reduce((sum, part) => sum + part.rows, 0)} examples: ${count('passed')} verified, ${count('failed')} failed, ${count('skipped')} not run. Every runnable example was run (or reused from the cache when its code, spec and runtime were unchanged) when this site was built. The same data is in <a href="/verification.json">verification.json</a>.</p>
${parts.map((part) => part.section)}`;
  return { path: fileForUrl(VERIFICATION_URL), content: renderLayout({ ctx, title: 'Verification report', description: 'Every code example of this site, how it was run and whether it passed.', url: VERIFICATION_URL, body }) };
}

function renderSection(entry: PostEntry, rows: ReportRow[]): SafeHtml {
  return html`<section class="report-post" id="${reportAnchor(entry)}">
<h2><a href="${entry.url}">${entry.post.title}</a></h2>
<table class="report-table">
<thead><tr><th scope="col">Example</th><th scope="col">Source</th><th scope="col">Status</th><th scope="col">Ran with</th><th scope="col">Time</th></tr></thead>
<tbody>
${rows.map(renderRow)}</tbody>
</table>
</section>
`;
}

// Any edit re-renders the report, which lists every example of the site (2,500 rows for 1,000 posts): each post's
// part is kept per ParsedPost, for `proofpress dev`, whose memo hands an unchanged post's ParsedPost to every rebuild
// (issue 12). A part is made from the entry's rows only, and they from the post, its examples, verdicts and variants
// (all in its digest) and its URL: while both are the same, so is the part. WeakMaps let go of a post with its parts.
const pageParts = new WeakMap<ParsedPost, { key: string; part: PagePart }>();
const jsonParts = new WeakMap<ParsedPost, { key: string; part: string }>();

function keptPart<T>(kept: WeakMap<ParsedPost, { key: string; part: T }>, entry: PostEntry, digests: EntryDigests | undefined, make: (rows: ReportRow[]) => T): T {
  const digest = digests?.get(entry);
  if (digest === undefined) return make(reportRows(entry));
  const key = `${digest}\0${entry.url}`;
  const hit = kept.get(entry.verified.parsed);
  if (hit?.key === key) return hit.part;
  const part = make(reportRows(entry));
  kept.set(entry.verified.parsed, { key, part });
  return part;
}

/** The id of a post's section on the report, so its page can link straight to it. */
export function reportAnchor(entry: PostEntry): string {
  return `post-${entry.post.slug}`;
}

function renderRow({ example, verification, url, variant }: ReportRow) {
  const record = verification.record;
  const runtime = record ? describeRuntime(record.runtime).join(' · ') : isShownOnly(example.spec, verification) ? `shown as ${blockKind(example.spec)}` : (verification.reason ?? 'not run');
  const time = record
    ? html`<time datetime="${record.startedAt}">${formatRunTime(record.startedAt)}</time>, ${record.durationMs} ms${verification.cached ? ' (cached)' : ''}`
    : '—';
  return html`<tr class="report-${verification.status}"><td><a href="${url}">${exampleName(example.spec, example.index)}</a>${variant ? html` <span class="report-variant">(${variant})</span>` : ''} <span class="report-run">run=${example.spec.run}</span></td><td><code>${breakablePath(`${example.source}:${example.line}`)}</code></td><td><span class="badge badge-${verification.status}">${badgeText(verification)}</span>${verification.status === 'failed' && verification.reason ? html`: ${verification.reason}` : ''}</td><td>${runtime}</td><td>${time}</td></tr>
`;
}

// `content/posts/hello-world.md:142` may wrap only after a slash: each part stays whole (.path-part is
// nowrap) and <wbr> marks the breaks, so a narrow column never splits a name or a line number.
function breakablePath(location: string): SafeHtml[] {
  const parts = location.split(/(?<=\/)/);
  return parts.map((part, i) => html`${i ? html`<wbr>` : ''}<span class="path-part">${part}</span>`);
}

/**
 * `verification.json`: one object per example. The verification record's own fields (the bench and other
 * tools read `label`, `line`, `status`, `record`) plus the post, the figure's URL and the runtime and
 * duration lifted out of the record. Captured logs come from examples run with an allow-listed environment.
 */
export function renderVerificationJson(entries: PostEntry[], digests?: EntryDigests): OutputFileData {
  // stringifySafeJson(items) is `[`, the items indented by two spaces and separated by commas, then `]`: each post's
  // items are kept as they stand in it, joined (a flat string, which the whole file copies fastest).
  const parts = entries.map((entry) => keptPart(jsonParts, entry, digests, (rows) => rows.map((row) => stringifySafeJson(jsonItem(row)).slice(0, -1).replaceAll('\n', '\n  ')).join(',\n  ')));
  const items = parts.filter((part) => part !== '');
  return { path: 'verification.json', content: items.length === 0 ? stringifySafeJson([]) : `[\n  ${items.join(',\n  ')}\n]\n` };
}

function jsonItem({ entry, example, verification, url, variant }: ReportRow) {
  return {
    ...verification,
    post: { title: entry.post.title, source: entry.post.source, url: entry.url },
    url,
    variant: variant ?? null,
    file: example.spec.file ?? null,
    run: example.spec.run,
    runtime: verification.record?.runtime ?? null,
    durationMs: verification.record?.durationMs ?? null,
    startedAt: verification.record?.startedAt ?? null,
  };
}
