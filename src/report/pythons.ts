// What the build says about its interpreters: the step line naming each, and one warning per chosen Python that is not installed.
import { RunnerError } from '../errors.ts';
import type { Example } from '../examples/extract.ts';
import type { BuildPythons } from '../runners/build-pythons.ts';

/** `Prepared Python 3.11.7; Python 2.7.18 for python: 2.7; Python 2.5 not found`: the step line of preparePythons. */
export function describePythons(pythons: BuildPythons): string {
  const parts = pythons.default ? [`Python ${pythons.default.version}`] : [];
  for (const [version, choice] of pythons.chosen) {
    parts.push('runtime' in choice ? `Python ${choice.runtime.version} for python: ${version}` : `Python ${version} not found`);
  }
  return `Prepared ${parts.join('; ') || 'no Python'}`;
}

/**
 * One warning per chosen version that is missing, located at its first example and listing every
 * example it leaves unrun, with where it was looked for and how to install it.
 */
export function missingPythonWarnings(pythons: BuildPythons | undefined, examples: Example[]): RunnerError[] {
  const warnings: RunnerError[] = [];
  for (const [version, choice] of pythons?.chosen ?? []) {
    if (!('missing' in choice)) continue;
    const unrun = examples.filter((example) => example.spec.python === version && example.spec.run !== 'none');
    if (unrun.length === 0) continue;
    const first = unrun[0]!;
    warnings.push(
      new RunnerError(`Python ${version} not found: ${unrun.length === 1 ? '1 example is' : `${unrun.length} examples are`} published as not run`, {
        file: first.source,
        line: first.line,
        details: [...unrun.map((example) => `${example.source}:${example.line} ${example.label}`), `Looked for it in ${choice.missing.looked}.`],
        hint: `Install it (e.g. \`pyenv install ${version}\`) or give its path under \`pythons\` in proofpress.config.json ({ "pythons": { "${version}": "/path/to/python${version}" } }); \`--strict\` makes this an error.`,
      }),
    );
  }
  return warnings;
}
