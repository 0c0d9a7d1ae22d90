// Stage 6c: the text an example's copy button puts on the clipboard: the code as run, or a console block's commands.

const CONSOLE_LANGS: ReadonlySet<string> = new Set(['console', 'shellsession']);
const PROMPT = /^\$ ?/;

/** True for terminal transcripts (prompts, commands and their output) rather than source files. */
export function isConsoleLang(lang: string): boolean {
  return CONSOLE_LANGS.has(lang);
}

/**
 * What the copy button copies. Code is copied byte for byte as it ran. A console transcript gives only
 * its commands, without `$ ` prompts or output lines, and without a final newline so that pasting into
 * a terminal does not run the last command before the reader has looked at it. Lines after a command
 * ending in `\` continue it; a transcript with no `$` prompt at all is copied whole.
 */
export function copyTextOf(code: string, lang: string): string {
  if (!isConsoleLang(lang)) return code;
  const lines = code.replace(/\n$/, '').split('\n');
  if (!lines.some((line) => PROMPT.test(line))) return code.replace(/\n$/, '');
  const commands: string[] = [];
  let continuing = false;
  for (const line of lines) {
    if (continuing) commands.push(line);
    else if (PROMPT.test(line)) commands.push(line.replace(PROMPT, ''));
    else continue;
    continuing = line.endsWith('\\');
  }
  return commands.join('\n');
}
