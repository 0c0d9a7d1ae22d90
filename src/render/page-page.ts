// Stage 6h: a standalone page (pages/about.md): the post layout without dates, tags, examples or neighbours.
import type MarkdownIt from 'markdown-it';
import { SiteFileError } from '../errors.ts';
import type { ParsedPage } from '../markdown/parse-page.ts';
import { html, raw } from '../util/html.ts';
import { type PageContext, renderLayout } from './layout.ts';
import type { PostEntry } from './post-entry.ts';
import { fileForUrl } from './urls.ts';

export interface PagePageInput {
  ctx: PageContext;
  md: MarkdownIt;
  parsed: ParsedPage;
}

/** Render one standalone page; its article is marked for search like a post's. Code blocks show as plain code. */
export function renderPagePage({ ctx, md, parsed }: PagePageInput): string {
  const { page } = parsed;
  const body = html`<article class="post page" data-pagefind-body>
<header class="post-header">
<h1>${page.title}</h1>
</header>
<div class="post-body">
${raw(md.renderer.render(parsed.tokens, md.options, { ...parsed.env }))}</div>
</article>
`;
  return renderLayout({ ctx, title: page.title, description: page.description, url: page.url, body });
}

/** Refuse a standalone page whose file is one of `generated` (paths relative to the site), naming the post or page that has it. */
export function checkPageFiles({ pages, generated, entries }: { pages: ParsedPage[]; generated: string[]; entries: PostEntry[] }): void {
  const posts = new Map(entries.map((entry) => [fileForUrl(entry.url), entry.post.source]));
  const taken = new Map(generated.map((file) => [file, posts.get(file)]));
  for (const parsed of pages) {
    const file = fileForUrl(parsed.page.url);
    if (taken.has(file)) {
      const owner = taken.get(file);
      throw new SiteFileError(`${parsed.page.source} would be written to ${file}, which ${owner ? `the post ${owner}` : 'proofpress generates'} already uses`, {
        file: parsed.page.source,
        line: 1,
        hint: 'Give the page another `slug:` in its front matter (or rename the file).',
      });
    }
  }
}
