// Shell scripts: the system's shells under /usr, which every sandbox has.
import type { LanguageRunner } from './types.ts';

const isBash = (fence: string) => fence.toLowerCase() === 'bash';

export const shellLanguage: LanguageRunner = {
  defaultFile: 'example.sh',
  // A `bash` block runs with bash; `sh` and `shell` with the system's POSIX sh, as their readers would.
  command: (_sandbox, file, fence) => [isBash(fence) ? '/bin/bash' : '/bin/sh', file],
  describe: (_ctx, fence) => (isBash(fence) ? 'bash' : 'POSIX sh (/bin/sh)'),
};
