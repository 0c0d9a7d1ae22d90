// JavaScript: run with the Node.js that runs proofpress.
import type { LanguageRunner } from './types.ts';

export const javascriptLanguage: LanguageRunner = {
  defaultFile: 'example.js',
  // Installed wherever proofpress is, so every sandbox sees it at its own path (runners/sandbox.ts), console sessions included.
  command: (_sandbox, file) => [process.execPath, file],
  describe: () => `Node.js ${process.versions.node}`,
};
