// Ends a long-running command (dev, preview) on Ctrl-C, SIGTERM or the death of the command that launched it.
import { escapeControls } from '../util/text.ts';
import { watchLaunchers } from '../util/watch-launchers.ts';

/**
 * Run `stop` once on SIGINT or SIGTERM, or when a launcher above this process dies (`npx tsx … dev`
 * killed with SIGKILL reaches nothing below it; see util/watch-launchers.ts), then exit. process.exit
 * runs the exit handlers that kill the process groups of examples still running (runners/process.ts),
 * so a rebuild cut short leaves no example behind; sandboxes die with this process (--die-with-parent).
 */
export function stopOnSignal(stop: (reason: string) => Promise<void>, log: (line: string) => void): void {
  let stopping = false;
  const end = (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    log(reason);
    // A stop that hangs (a socket that will not close) must not keep the terminal: exit after 2 s regardless.
    setTimeout(() => process.exit(code), 2_000).unref();
    void stop(reason).finally(() => process.exit(code));
  };
  process.on('SIGINT', () => end('Stopping (Ctrl-C)…', 0));
  process.on('SIGTERM', () => end('Stopping (SIGTERM)…', 0));
  watchLaunchers((pid, name) => end(`The command that started this server (${escapeControls(name)}, pid ${pid}) was killed; stopping.`, 1));
}
