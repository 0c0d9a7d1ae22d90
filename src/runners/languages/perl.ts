// Perl: the system's perl under /usr, which every sandbox has.
import { execaSync } from 'execa';
import type { LanguageRunner } from './types.ts';

const PERL = '/usr/bin/perl';
let version: string | undefined;

/** `v5.36.0`, asked once per build; `none` when there is no Perl. */
function perlVersion(): string {
  version ??= (() => {
    const result = execaSync(PERL, ['-e', 'print $^V'], { reject: false, stdin: 'ignore' });
    return result.exitCode === 0 ? String(result.stdout) : 'none';
  })();
  return version;
}

export const perlLanguage: LanguageRunner = {
  defaultFile: 'example.pl',
  command: (_sandbox, file) => [PERL, file],
  describe: () => `Perl ${perlVersion()}`,
  // Not part of the build's own fingerprint (Python, Node.js): a Perl upgrade must re-run cached results.
  version: async () => perlVersion(),
};
