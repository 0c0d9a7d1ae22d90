// Stage 3: a standalone page shows code as written; a block there that asks to be run is an error, not a silent "not run".
// Why: pages (about, projects) have no date, Python or requirements of their own, and a reader could not tell a
// block that proofpress skipped from one it verified. Examples belong in posts.
import { ExampleSpecError } from '../errors.ts';
import type { ParsedPage } from '../markdown/parse-page.ts';
import { ANNOTATION_TOKEN } from '../markdown/plugins/example-annotations.ts';
import { tokenizeInfo } from './fence-info.ts';

/** Throw, located, if a code block of the page carries `run=` (other than `run=none`) or an `<!-- example -->` annotation. */
export function refuseExamplesInPage(parsed: ParsedPage): ParsedPage {
  for (const token of parsed.tokens) {
    const where = { file: parsed.page.source, line: (token.map?.[0] ?? 0) + parsed.page.bodyOffset + 1 };
    const runs =
      token.type === ANNOTATION_TOKEN ||
      (token.type === 'fence' && tokenizeInfo(token.info, where).some((word) => word.startsWith('run=') && !/^run=["']?none["']?$/.test(word)));
    if (runs) {
      throw new ExampleSpecError('Examples are run in posts only; this page asks for a block to be run', {
        ...where,
        hint: 'Move the example to a post, or drop `run=` (and any `<!-- example -->` comment) to show the code as written.',
      });
    }
  }
  return parsed;
}
