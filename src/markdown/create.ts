// Stage 2a: the single markdown-it instance of a build, with its parse-time plugins wired in order.
import MarkdownIt from 'markdown-it';
import { dedentIndentedCode } from './plugins/dedent-indented-code.ts';
import { exampleAnnotations } from './plugins/example-annotations.ts';
import { headingIds } from './plugins/heading-ids.ts';

/** Create the markdown-it instance used both to parse posts and to render their tokens. */
export function createMarkdown(): MarkdownIt {
  // Indented code blocks stay on (markdown-it's `code` rule): migrated posts such as the seed use them.
  // Raw HTML is off, as in Hugo's default: content is escaped unless it is Markdown.
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  // A block rule: `<!-- example … -->` lines, before html_block (which `html: false` turns off anyway).
  md.use(exampleAnnotations);
  // A core rule right after `block`: code_block contents are final before anything reads them.
  md.use(dedentIndentedCode);
  md.use(headingIds);
  return md;
}
