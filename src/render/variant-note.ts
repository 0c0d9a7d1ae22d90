// Stage 6: the editor's note of a variant (a port): its own words, then what it changed, worked out from the diffs.
// The list is generated so that it cannot drift from the code: a note saying "only print changed" could lie, a diff cannot.
import type MarkdownIt from 'markdown-it';
import { exampleName } from '../examples/extract.ts';
import type { Example } from '../examples/extract.ts';
import { html, raw, type SafeHtml } from '../util/html.ts';
import { originalName, type VerifiedPost, type VerifiedVariant } from './article.ts';
import { type CodeChange, diffCode } from './code-diff.ts';
import { figureId } from './example-figure.ts';
import { variantFigureId } from './variant-panel.ts';

/** One note per variant of `post`; empty when it has none. */
export function renderVariantNotes(md: MarkdownIt, post: VerifiedPost): SafeHtml[] {
  return (post.variants ?? []).map((variant) => renderVariantNote(md, post, variant));
}

function renderVariantNote(md: MarkdownIt, post: VerifiedPost, variant: VerifiedVariant): SafeHtml {
  const name = variant.post.parsed.post.title;
  const changed: SafeHtml[] = [];
  const unchanged: SafeHtml[] = [];
  const runOnlyHere: SafeHtml[] = [];
  const notRunHere: SafeHtml[] = [];
  for (const pair of variant.pairs) {
    const original = post.examples[pair.original]!;
    const ported = variant.post.examples[pair.variant]!;
    const link = blockLink(post, pair.original);
    const diff = diffCode(original.code, ported.code);
    if (diff.changes.length === 0) unchanged.push(link);
    else changed.push(html`<li>${link}: ${diff.changes.map((change, i) => html`${i ? '; ' : ''}${describeChange(change)}`)}</li>\n`);
    if (original.spec.run === 'none' && ported.spec.run !== 'none') runOnlyHere.push(link);
    if (original.spec.run !== 'none' && ported.spec.run === 'none') notRunHere.push(link);
  }
  // Support blocks only the variant has (files the post leaves to the reader), by the block they run beside.
  const added = variant.pairs
    .filter((pair) => pair.support.length > 0)
    .map((pair) => html`${joinWords(pair.support.map((index) => supportLink(variant.post.examples[index]!)))}, run beside ${blockLink(post, pair.original)}`);
  const own = variant.post.parsed.post.editorNote;
  return html`<div class="variant-note">
${own ? raw(md.render(own)) : ''}<p>What the ${name} changed, from the diff of each block against the code ${originalName(post)}:</p>
<ul class="variant-changes">
${changed}${unchanged.length ? html`<li>Unchanged: ${joinWords(unchanged)}.</li>\n` : ''}${added.map((item) => html`<li>Added: ${item}.</li>\n`)}${runOnlyHere.length ? html`<li>Run in the ${name} only: ${joinWords(runOnlyHere)}.</li>\n` : ''}${notRunHere.length ? html`<li>Not run in the ${name}: ${joinWords(notRunHere)}.</li>\n` : ''}</ul>
</div>
`;
}

// `print "x"` → `print("x")`; lines that are only added or only removed say so.
function describeChange(change: CodeChange): SafeHtml {
  // Blank lines added or removed are layout: the list names what the code says.
  const [removed, added] = [change.removed, change.added].map((lines) => lines.map((line) => line.trim()).filter(Boolean)) as [string[], string[]];
  const code = (lines: string[]) => lines.map((line, i) => html`${i ? ' ' : ''}<code>${line}</code>`);
  if (removed.length === 0 && added.length === 0) return html`${change.removed.length === 0 ? 'added' : change.added.length === 0 ? 'removed' : 'changed'} blank lines`;
  if (removed.length === 0) return html`added ${code(added)}`;
  if (added.length === 0) return html`removed ${code(removed)}`;
  return html`${code(removed)} → ${code(added)}`;
}

// `simpletest.py` in “4. Make our own Hello World app”, linked to the block's figure (the variants sit with it).
function blockLink(post: VerifiedPost, index: number): SafeHtml {
  const example = post.examples[index]!;
  const heading = headingBefore(post, index);
  return html`<a href="#${figureId(example)}"><code>${nameOf(example)}</code></a>${heading ? html` in “${heading}”` : ''}`;
}

function supportLink(example: Example): SafeHtml {
  return html`<a href="#${variantFigureId(example)}"><code>${nameOf(example)}</code></a>`;
}

// A block without a file name is known by its first line (`$ sudo easy_install wsgiref`), as the reader sees it.
function nameOf(example: Example): string {
  const first = example.code.split('\n', 1)[0]!.trim();
  return example.spec.file ?? (first || exampleName(example.spec, example.index));
}

/** The text of the last heading before the post's example `index`, if any: the step a reader knows it by. */
function headingBefore(post: VerifiedPost, index: number): string | undefined {
  const { tokens } = post.parsed;
  for (let i = post.exampleTokens[index]!.codeTokenIndex; i >= 0; i--) {
    if (tokens[i]!.type === 'heading_open') return tokens[i + 1]?.content;
  }
  return undefined;
}

function joinWords(items: readonly SafeHtml[]): SafeHtml {
  return html`${items.map((item, i) => html`${i === 0 ? '' : i === items.length - 1 ? ' and ' : ', '}${item}`)}`;
}
