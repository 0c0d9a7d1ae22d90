// Stage 3e: read a console block (```console run=console) as the commands a reader types and the
// output each prints — the notation of cram, ocaml-mdx and byexample, as tutorials already write it.
import { ExampleSpecError } from '../errors.ts';
import type { SpecLocation } from './fence-info.ts';

/** One `$ ` command of a console block, with what the post says it prints. */
export interface SessionCommand {
  /** File line of its `$ ` line. */
  line: number;
  /** The command as typed, continuation lines included (without the `$ ` and `> ` prompts). */
  command: string;
  /** The output lines under it (wildcards allowed), each ending in a newline; empty when none are shown. */
  expected: string;
  /** Whether the post shows any output for it (a command shown alone has only its exit status checked). */
  showsOutput: boolean;
  /** The exit status it must end with: a last output line `[N]`, else 0. */
  exitCode: number;
  /** Whether the post writes the exit status (`[N]`, even `[0]`). */
  showsExit: boolean;
}

const PROMPT = '$ ';
const CONTINUATION = '> ';
const EXIT_LINE = /^\[(\d{1,3})\]$/;

/** Parse the text of a console block whose opening fence is at `where.line`. */
export function parseConsoleSession(text: string, where: SpecLocation): SessionCommand[] {
  const lines = text.replace(/\n$/, '').split('\n');
  const commands: (SessionCommand & { output: string[] })[] = [];
  let continuing = false;
  lines.forEach((line, index) => {
    const current = commands.at(-1);
    if (line.startsWith(PROMPT) || line === '$') {
      commands.push({ line: where.line + 1 + index, command: line.slice(PROMPT.length), expected: '', showsOutput: false, exitCode: 0, showsExit: false, output: [] });
      continuing = line.endsWith('\\');
      return;
    }
    if (current && current.output.length === 0 && (continuing || line.startsWith(CONTINUATION))) {
      current.command += `\n${continuing && !line.startsWith(CONTINUATION) ? line : line.slice(CONTINUATION.length)}`;
      continuing = line.endsWith('\\');
      return;
    }
    continuing = false;
    if (!current) {
      if (line.trim() === '') return;
      throw new ExampleSpecError(`A console session must start with a \`$ \` command; line ${where.line + 1 + index} is output before any command`, {
        ...where,
        hint: 'Begin the block with the command that prints it, e.g. `$ python app.py`.',
      });
    }
    current.output.push(line);
  });
  if (commands.length === 0) {
    throw new ExampleSpecError('This console block has no `$ ` command to run', { ...where, hint: 'Write commands as `$ python app.py`, their output on the lines below; or use run=none.' });
  }
  return commands.map(({ output, ...command }) => {
    while (output.length > 0 && output.at(-1)!.trim() === '') output.pop();
    const exit = output.length > 0 ? EXIT_LINE.exec(output.at(-1)!) : null;
    if (exit) output.pop();
    const exitCode = exit ? Number(exit[1]) : 0;
    if (exitCode > 255) throw new ExampleSpecError(`\`[${exit![1]}]\` is not an exit status`, { ...where, line: command.line, hint: 'Exit statuses run from 0 to 255.' });
    return { ...command, exitCode, showsExit: exit !== null, showsOutput: output.length > 0, expected: output.map((line) => `${line}\n`).join('') };
  });
}
