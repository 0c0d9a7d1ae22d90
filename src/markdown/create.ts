// Stage 2a: the single markdown-it instance of a build, with its parse-time plugins wired in order.
import MarkdownIt from 'markdown-it';
import { headingIds } from './plugins/heading-ids.ts';

/** Create the markdown-it instance used both to parse posts and to render their tokens. */
export function createMarkdown(): MarkdownIt {
  // Indented code blocks stay on (markdown-it's `code` rule): migrated posts such as the seed use them.
  // Raw HTML is off, as in Hugo's default: content is escaped unless it is Markdown.
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.use(headingIds);
  return md;
}
