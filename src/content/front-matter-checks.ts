// Stage 1d: front-matter mistakes a schema cannot see: a misspelt field (`tag:`, which would be ignored), a date no calendar has, a control character.
import { FrontMatterError } from '../errors.ts';
import { didYouMean } from '../util/did-you-mean.ts';
import { impossibleDate } from './calendar-date.ts';
import { findControlCharacter } from './control-characters.ts';
import { findField } from './front-matter-lines.ts';
import type { SourceFile } from './load.ts';

/** One mistake, with the fields it covers (so the schema's own complaint about them is not repeated). */
export interface FrontMatterProblem {
  fields: string[];
  error: FrontMatterError;
}

const DATE_FIELDS = ['date', 'updated'];

/**
 * The mistakes of one post's front matter (`data`, after legacy normalisation): each unknown field that is
 * one or two letters from a known one that is not given (`tag` for `tags`, `titel`, `Title`), and each date
 * field whose text names no real day. Other unknown fields are kept as metadata, as the README promises.
 */
export function checkFrontMatter(args: { source: SourceFile; data: Record<string, unknown>; known: readonly string[]; bodyOffset: number }): FrontMatterProblem[] {
  const { source, data, known, bodyOffset } = args;
  const problems: FrontMatterProblem[] = [];
  const absent = known.filter((name) => !(name in data));
  for (const key of Object.keys(data)) {
    if (known.includes(key)) continue;
    const near = didYouMean(key, absent);
    if (near === undefined) continue;
    problems.push({
      fields: [key, near],
      error: new FrontMatterError(`Unknown front matter field \`${key}\``, {
        file: source.path,
        line: findField(source.text, key, bodyOffset)?.line ?? 1,
        column: 1,
        hint: `Did you mean \`${near}\`? A field proofpress does not know is kept but not used, so \`${key}:\` would be ignored.`,
      }),
    });
  }
  for (const key of DATE_FIELDS) {
    const field = key in data ? findField(source.text, key, bodyOffset) : undefined;
    const reason = field && impossibleDate(field.value);
    if (!field || !reason) continue;
    problems.push({
      fields: [key],
      error: new FrontMatterError(`Front matter field \`${key}\`: ${field.value} is not a date (${reason})`, {
        file: source.path,
        line: field.line,
        column: field.valueColumn,
        hint: `Write a date that exists, e.g. \`${key}: 2006-08-31\` or \`${key}: 2006-08-31T16:24:46Z\`.`,
      }),
    });
  }
  for (const [key, value] of Object.entries(data)) {
    const control = findControlCharacter([key, value]);
    if (!control) continue;
    const field = findField(source.text, key, bodyOffset);
    problems.push({
      fields: [key],
      error: new FrontMatterError(`Front matter field \`${key}\` holds a control character (${control})`, {
        file: source.path,
        line: field?.line ?? 1,
        column: field?.valueColumn,
        hint: 'Remove it: pages and feeds cannot show it (a `\\0`, `\\x..` or `\\u00..` escape in a double-quoted YAML string writes one).',
      }),
    });
  }
  return problems;
}
