// Python: the build's interpreter (the project's .venv), the one every sandbox has.
import type { LanguageRunner } from './types.ts';

export const pythonLanguage: LanguageRunner = {
  defaultFile: 'example.py',
  command: (sandbox, file) => [sandbox.python, file],
  describe: (ctx) => `Python ${ctx.python.version}`,
};
