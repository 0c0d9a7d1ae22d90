// Stage 6g: a post's page: title, dates, tags, editor's note, and the article with its example figures.
import type MarkdownIt from 'markdown-it';
import type { SiteInfo } from '../config/schema.ts';
import type { ExampleTokens, Example } from '../examples/extract.ts';
import type { ParsedPost } from '../markdown/parse.ts';
import type { Verification } from '../verify/types.ts';
import { html, raw } from '../util/html.ts';
import type { ExampleRenderEnv } from './fence-rule.ts';
import type { CodeHighlighter } from './highlight.ts';
import { renderLayout } from './layout.ts';
import { formatDate, postUrl, tagUrl } from './urls.ts';

/** Everything known about one post once its examples are verified. */
export interface VerifiedPost {
  parsed: ParsedPost;
  examples: Example[];
  exampleTokens: ExampleTokens[];
  verifications: Verification[];
}

export interface PostPageInput {
  md: MarkdownIt;
  site: SiteInfo;
  highlighter: CodeHighlighter;
  post: VerifiedPost;
}

/** Render the article body (the same tokens examples were extracted from). */
export function renderArticleHtml({ md, highlighter, post }: Omit<PostPageInput, 'site'>): string {
  const env: ExampleRenderEnv & Record<string, unknown> = {
    ...post.parsed.env,
    proofpress: {
      byToken: new Map(post.exampleTokens.map((position, i) => [position.codeTokenIndex, { example: post.examples[i]!, verification: post.verifications[i]! }])),
      outputTokens: new Set(post.exampleTokens.flatMap((position) => (position.outputTokenIndex === undefined ? [] : [position.outputTokenIndex]))),
      highlighter,
    },
  };
  return md.renderer.render(post.parsed.tokens, md.options, env);
}

/** Render the full post page. */
export function renderPostPage(input: PostPageInput): string {
  const { post: meta } = input.post.parsed;
  const counts = countStatuses(input.post.verifications);
  const body = html`<article class="post">
<header class="post-header">
<h1>${meta.title}</h1>
<p class="post-meta"><time datetime="${meta.date.toISOString()}">${formatDate(meta.date)}</time>${meta.updated ? html` · updated <time datetime="${meta.updated.toISOString()}">${formatDate(meta.updated)}</time>` : ''}${meta.tags.length ? html` · ${meta.tags.map((tag, i) => html`${i ? ', ' : ''}<a rel="tag" href="${tagUrl(tag)}">${tag}</a>`)}` : ''}</p>
<p class="post-verification">${counts}</p>
</header>
${meta.editorNote ? html`<aside class="editor-note" aria-label="Editor's note"><p class="editor-note-title">Editor's note</p>${raw(input.md.render(meta.editorNote))}</aside>\n` : ''}<div class="post-body">
${raw(renderArticleHtml(input))}</div>
</article>
`;
  return renderLayout({ site: input.site, title: meta.title, description: meta.summary, url: postUrl(meta), body });
}

function countStatuses(verifications: Verification[]): string {
  const count = (status: Verification['status']) => verifications.filter((v) => v.status === status).length;
  const parts = [`${count('passed')} of ${verifications.length} examples verified`];
  if (count('failed')) parts.push(`${count('failed')} failed`);
  if (count('skipped')) parts.push(`${count('skipped')} not run`);
  return `${parts.join(', ')}.`;
}
