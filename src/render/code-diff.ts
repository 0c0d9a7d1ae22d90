// Stage 6: the line diff between a block as its post wrote it and its variant (a port), for the page and the editor's note.
import { structuredPatch } from 'diff';
import { html, type SafeHtml } from '../util/html.ts';

/** One run of replaced lines: what the variant removed and what it put in their place (either may be empty). */
export interface CodeChange {
  removed: string[];
  added: string[];
}

/** A unified diff of two versions of one block. */
export interface CodeDiff {
  /** Hunks with two lines of context, each line prefixed by ` `, `-` or `+`. */
  hunks: { oldStart: number; oldLines: number; newStart: number; newLines: number; lines: string[] }[];
  changes: CodeChange[];
  /** Lines changed, counting a replaced line once: `print "x"` → `print("x")` is one. */
  changedLines: number;
}

/** Diff `before` (the post's block) against `after` (the variant's). */
export function diffCode(before: string, after: string): CodeDiff {
  // "\ No newline at end of file" is about files, not what a reader sees: leave those markers out.
  const hunks = structuredPatch('before', 'after', before, after, '', '', { context: 2 }).hunks.map((hunk) => ({
    ...hunk,
    lines: hunk.lines.filter((line) => !line.startsWith('\\')),
  }));
  const changes: CodeChange[] = [];
  for (const hunk of hunks) {
    let current: CodeChange | undefined;
    for (const line of hunk.lines) {
      if (line.startsWith(' ')) {
        current = undefined;
        continue;
      }
      if (!current) changes.push((current = { removed: [], added: [] }));
      (line.startsWith('-') ? current.removed : current.added).push(line.slice(1));
    }
  }
  return { hunks, changes, changedLines: changes.reduce((sum, change) => sum + Math.max(change.removed.length, change.added.length), 0) };
}

/** `1 line changed`, `3 lines changed`, `unchanged`. */
export function describeChangeCount(diff: CodeDiff): string {
  if (diff.changedLines === 0) return 'unchanged';
  return `${diff.changedLines} line${diff.changedLines === 1 ? '' : 's'} changed`;
}

/**
 * The diff as a `<pre>`: `-` lines in `<del>`, `+` lines in `<ins>` (announced as deletion and insertion by
 * screen readers that support them), the signs kept as text so the meaning never rests on colour alone.
 */
export function renderCodeDiff(diff: CodeDiff, labels: { before: string; after: string }): SafeHtml {
  const lines = diff.hunks.flatMap((hunk) => [
    html`<span class="diff-hunk">@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@</span>\n`,
    ...hunk.lines.map((line) =>
      line.startsWith('-') ? html`<del>${line}</del>\n` : line.startsWith('+') ? html`<ins>${line}</ins>\n` : html`<span>${line}</span>\n`,
    ),
  ]);
  return html`<pre class="code-diff"><code><span class="diff-file">--- ${labels.before}</span>
<span class="diff-file">+++ ${labels.after}</span>
${lines}</code></pre>`;
}
