// The built-in post page body: title, dates, reading time, tags, editor's note, the article with its example figures, and neighbours.
import type MarkdownIt from 'markdown-it';
import { originalName } from '../../render/article.ts';
import type { PostEntry } from '../../render/post-entry.ts';
import { renderPostMeta } from '../../render/post-list.ts';
import { VERIFICATION_URL } from '../../render/urls.ts';
import { renderVariantNotes } from '../../render/variant-note.ts';
import { reportAnchor } from '../../render/verification-report.ts';
import { html, raw, type SafeHtml } from '../../util/html.ts';
import type { Verification } from '../../verify/types.ts';
import type { PostPageInput } from '../contract.ts';

/** The article (the part search indexes) and the links to its neighbours. */
export function postPage({ md, entry, newer, older }: PostPageInput): SafeHtml {
  const { post } = entry;
  return html`<article class="post" data-pagefind-body>
<header class="post-header">
<h1>${post.title}</h1>
${renderPostMeta(entry)}
${entry.verified.examples.length ? html`<p class="post-verification"><a href="${VERIFICATION_URL}#${reportAnchor(entry)}">${entry.verified.variants?.length ? `${capitalise(originalName(entry.verified))}: ` : ''}${countStatuses(entry.verified.verifications)}${variantCounts(entry)}</a></p>\n` : ''}
</header>
${editorNote(md, entry)}<div class="post-body">
${raw(entry.articleHtml)}</div>
</article>
${newer || older ? html`<nav class="post-nav" aria-label="More posts">
${newer ? html`<a class="post-nav-newer" href="${newer.url}">← ${newer.post.title}</a>\n` : ''}${older ? html`<a class="post-nav-older" href="${older.url}">${older.post.title} →</a>\n` : ''}</nav>
` : ''}`;
}

// The post's own note, then each variant's (a port's), which says what the variant changed.
function editorNote(md: MarkdownIt, entry: PostEntry): SafeHtml | string {
  const notes = renderVariantNotes(md, entry.verified);
  if (!entry.post.editorNote && notes.length === 0) return '';
  return html`<aside class="editor-note" aria-label="Editor's note"><p class="editor-note-title">Editor's note</p>${entry.post.editorNote ? raw(md.render(entry.post.editorNote)) : ''}${notes}</aside>\n`;
}

// ` Python 3 port: 6 of 9 examples verified, 3 not run.` after the post's own count.
function variantCounts(entry: PostEntry): string {
  return (entry.verified.variants ?? []).map((variant) => ` ${variant.post.parsed.post.title}: ${countStatuses(variant.post.verifications)}`).join('');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function countStatuses(verifications: Verification[]): string {
  const count = (status: Verification['status']) => verifications.filter((v) => v.status === status).length;
  const parts = [`${count('passed')} of ${verifications.length} examples verified`];
  if (count('failed')) parts.push(`${count('failed')} failed`);
  if (count('skipped')) parts.push(`${count('skipped')} not run`);
  return `${parts.join(', ')}.`;
}
