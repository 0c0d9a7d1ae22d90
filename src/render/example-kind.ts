// Stage 6c: what a block that is only shown (run=none, or no run=) is to a reader: a command, an output or code.
import { CONSOLE_FENCES } from '../examples/catalogue.ts';
import type { ExampleSpec } from '../examples/fence-info.ts';
import type { Verification } from '../verify/types.ts';
import { isConsoleLang } from './copy-text.ts';

/** The label of a shown-only block, by its kind: `command`, `output` or `code`. */
export type BlockKind = 'command' | 'output' | 'code';

// Fence words of captured output rather than something to type or save.
const OUTPUT_LANGS: ReadonlySet<string> = new Set(['output', 'stdout', 'stderr']);

/** True when the author chose not to run the block: the page shows plain code, not a "not run" status.
 * Blocks skipped for a reason the reader should know (missing interpreter, filter, no runner) stay false. */
export function isShownOnly(spec: Pick<ExampleSpec, 'run'>, verification: Pick<Verification, 'status'>): boolean {
  return spec.run === 'none' && verification.status === 'skipped';
}

/** What a shown-only block is, from its fence language. */
export function blockKind(spec: Pick<ExampleSpec, 'lang'>): BlockKind {
  const lang = spec.lang.toLowerCase();
  if (isConsoleLang(lang) || (CONSOLE_FENCES as readonly string[]).includes(lang)) return 'command';
  if (OUTPUT_LANGS.has(lang)) return 'output';
  return 'code';
}
