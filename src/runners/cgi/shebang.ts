// Reads a CGI script's `#!` line: the web server runs the file itself, so that line decides its interpreter.
import type { RunContext } from '../types.ts';

/** The `#!` line without its `#!` (`/usr/bin/env python`), or undefined when the script has none. */
export function shebangOf(code: string): string | undefined {
  if (!code.startsWith('#!')) return undefined;
  return code.slice(2).split('\n', 1)[0]!.replace(/\r$/, '').trim();
}

/**
 * The interpreter in words. `/usr/bin/env python` (or python3) looks the name up on the sandbox's PATH,
 * where the post's interpreter comes first: that is the Python the build reports. Any other line names
 * its own program, which the page shows as written.
 */
export function describeShebang(shebang: string, ctx: RunContext): string {
  const [program, ...args] = shebang.split(/\s+/);
  const looked = program?.endsWith('/env') ? args.find((arg) => !arg.startsWith('-')) : undefined;
  const [major, minor] = ctx.python.version.split('.');
  if (looked !== undefined && ['python', `python${major}`, `python${major}.${minor}`].includes(looked)) return `Python ${ctx.python.version}`;
  return `${looked ?? program} (the script's #! line)`;
}
