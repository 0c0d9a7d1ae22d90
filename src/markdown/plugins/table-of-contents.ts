// markdown-it plugin: `[[toc]]` on its own line becomes a list of links to the post's headings (markdown-it-table-of-contents).
// Why that plugin: it links each heading by the `id` already on its token (heading-ids.ts), so the list and the ids never disagree.
import type MarkdownIt from 'markdown-it';
import tableOfContents from 'markdown-it-table-of-contents';
import { slugifyHeading } from './heading-ids.ts';

/** The plugin: `[[toc]]` → `<nav class="table-of-contents" aria-label="Contents">` with a nested list of h1–h3. */
export function tableOfContentsMarker(md: MarkdownIt): void {
  md.use(tableOfContents, {
    // Sections are h2 in most posts (the page's h1 is the title), h1 in some migrated ones; deeper levels crowd the list.
    includeLevel: [1, 2, 3],
    // Only for a heading without an id, which heading-ids.ts never leaves.
    slugify: slugifyHeading,
    // The plugin's default re-parses the heading's plain text as Markdown, which with raw HTML on would turn the
    // text of a code span (`<script>`) into markup: the text is escaped instead.
    format: (text: string) => md.utils.escapeHtml(text),
    // A landmark with a name (site/search-index.ts leaves it out of search: it repeats the headings).
    transformContainerOpen: () => '<nav class="table-of-contents" aria-label="Contents"><p class="table-of-contents-title">Contents</p>',
    transformContainerClose: () => '</nav>',
  });
}
