// The languages of the catalogue and their runners: one file per language in languages/, registered here.
import { type Language, languageOf } from '../examples/catalogue.ts';
import type { Example } from '../examples/extract.ts';
import { goLanguage } from './languages/go.ts';
import { javascriptLanguage } from './languages/javascript.ts';
import { perlLanguage } from './languages/perl.ts';
import { pythonLanguage } from './languages/python.ts';
import { shellLanguage } from './languages/shell.ts';
import type { LanguageRunner } from './languages/types.ts';

export type { LanguageRunner, SandboxNeeds } from './languages/types.ts';

// Typed by the catalogue (examples/catalogue.ts): a language added there without a runner here does not compile.
const LANGUAGE_RUNNERS: Readonly<Record<Language, LanguageRunner>> = {
  python: pythonLanguage,
  javascript: javascriptLanguage,
  shell: shellLanguage,
  go: goLanguage,
  perl: perlLanguage,
};

/** The runner of the language `example` is written in (its fence word); Python for blocks that name none. */
export function languageRunner(example: Example): LanguageRunner {
  return LANGUAGE_RUNNERS[languageOf(example.spec.lang) ?? 'python'];
}

/** `language: version` of every language with a toolchain of its own, for the verification cache's fingerprint. */
export async function toolchainVersions(): Promise<string[]> {
  const entries = Object.entries(LANGUAGE_RUNNERS) as [Language, LanguageRunner][];
  const versions = await Promise.all(entries.map(async ([language, runner]) => (runner.version ? `${language}: ${await runner.version()}` : undefined)));
  return versions.filter((version) => version !== undefined);
}
