// Stage 6g: a post's page: title, dates, reading time, tags, editor's note, the article with its example figures, and neighbours.
import type MarkdownIt from 'markdown-it';
import type { Verification } from '../verify/types.ts';
import { html, raw } from '../util/html.ts';
import { type PageContext, renderLayout } from './layout.ts';
import type { PostEntry } from './post-entry.ts';
import { renderPostMeta } from './post-list.ts';
import { VERIFICATION_URL } from './urls.ts';
import { reportAnchor } from './verification-report.ts';

export interface PostPageInput {
  ctx: PageContext;
  md: MarkdownIt;
  entry: PostEntry;
  /** The next newer and older posts, for the links at the end of the article. */
  newer?: PostEntry;
  older?: PostEntry;
}

/** Render the full post page: header, editor's note, the article (the part search indexes) and neighbours. */
export function renderPostPage({ ctx, md, entry, newer, older }: PostPageInput): string {
  const { post } = entry;
  const body = html`<article class="post" data-pagefind-body>
<header class="post-header">
<h1>${post.title}</h1>
${renderPostMeta(entry)}
${entry.verified.examples.length ? html`<p class="post-verification"><a href="${VERIFICATION_URL}#${reportAnchor(entry)}">${countStatuses(entry.verified.verifications)}</a></p>\n` : ''}
</header>
${post.editorNote ? html`<aside class="editor-note" aria-label="Editor's note"><p class="editor-note-title">Editor's note</p>${raw(md.render(post.editorNote))}</aside>\n` : ''}<div class="post-body">
${raw(entry.articleHtml)}</div>
</article>
${newer || older ? html`<nav class="post-nav" aria-label="More posts">
${newer ? html`<a class="post-nav-newer" href="${newer.url}">← ${newer.post.title}</a>\n` : ''}${older ? html`<a class="post-nav-older" href="${older.url}">${older.post.title} →</a>\n` : ''}</nav>
` : ''}`;
  return renderLayout({
    ctx,
    title: post.title,
    description: entry.summary,
    url: entry.url,
    body,
    type: 'article',
    article: { published: post.date, modified: post.updated, tags: post.tags },
  });
}

function countStatuses(verifications: Verification[]): string {
  const count = (status: Verification['status']) => verifications.filter((v) => v.status === status).length;
  const parts = [`${count('passed')} of ${verifications.length} examples verified`];
  if (count('failed')) parts.push(`${count('failed')} failed`);
  if (count('skipped')) parts.push(`${count('skipped')} not run`);
  return `${parts.join(', ')}.`;
}
