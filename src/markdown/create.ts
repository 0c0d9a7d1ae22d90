// Stage 2a: the single markdown-it instance of a build, with its parse-time plugins wired in order.
import MarkdownIt from 'markdown-it';
import type { MarkdownOptions } from '../config/schema.ts';
import { callouts } from './plugins/callouts.ts';
import { codeBlocks } from './plugins/code-blocks.ts';
import { dedentIndentedCode } from './plugins/dedent-indented-code.ts';
import { exampleAnnotations } from './plugins/example-annotations.ts';
import { excerptMarker } from './plugins/excerpt-marker.ts';
import { footnotes } from './plugins/footnotes.ts';
import { headingIds } from './plugins/heading-ids.ts';
import { math } from './plugins/math.ts';
import { referenceLists } from './plugins/reference-lists.ts';
import { tableOfContentsMarker } from './plugins/table-of-contents.ts';
import { tables } from './plugins/tables.ts';
import { taskLists } from './plugins/task-lists.ts';

/** Create the markdown-it instance used both to parse posts and to render their tokens. */
export function createMarkdown(options: MarkdownOptions = { html: false }): MarkdownIt {
  // Indented code blocks stay on (markdown-it's `code` rule): migrated posts such as the seed use them.
  // Raw HTML is off unless the config's `markdown.html` turns it on, as in Hugo: content is escaped unless it is
  // Markdown. Code and example output never pass through it (render/example-figure.ts escapes them).
  const md = new MarkdownIt({ html: options.html, linkify: false, typographer: false });
  // Block rules for the two comments proofpress reads, `<!-- example … -->` and `<!-- more -->`: placed before
  // html_block, so with raw HTML on they are still consumed, never emitted as comments.
  md.use(exampleAnnotations);
  md.use(excerptMarker);
  // A core rule right after `block`: code_block contents are final before anything reads them.
  md.use(dedentIndentedCode);
  // Its `footnote_def` block rule goes before `reference`, so `[^1]: note` is a footnote, not a link definition.
  md.use(footnotes);
  // Wraps the `reference` rule in place (after footnotes, whose rule is placed relative to it).
  md.use(referenceLists);
  // Its inline rule reads `$…$` as written, so markdown-it's backslash escapes never reach `\,` inside math.
  md.use(math);
  md.use(callouts);
  md.use(taskLists);
  md.use(tables);
  // Render rules for `fence`/`code_block`: a post's render env draws them as example figures (render/fence-rule.ts).
  md.use(codeBlocks);
  // Core rule pushed last: ids are set once every heading's inline text is parsed.
  md.use(headingIds);
  // Renders `[[toc]]` from the ids heading-ids set on the tokens (at render time, so any order works; listed after it for the reader).
  md.use(tableOfContentsMarker);
  return md;
}
