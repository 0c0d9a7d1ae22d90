// The `dev` and `preview` commands, registered on the CLI's program (cli.ts passes in report/'s printers).
import { type Command, InvalidArgumentError } from 'commander';
import type { BuildOptions } from './build.ts';
import { startDev } from './dev/start-dev.ts';
import { startPreview } from './preview/start-preview.ts';
import { stopOnSignal } from './serve/stop-on-signal.ts';

/** What the commands print with: report/'s reporter and error formatter, which only entry points import. */
export interface ServePrinters {
  createReporter: (stream: NodeJS.WritableStream, quiet?: boolean) => NonNullable<BuildOptions['reporter']>;
  formatError: (error: unknown) => string;
}

interface ServeFlags {
  root: string;
  host: string;
  port: number;
  drafts?: boolean;
}

const log = (text: string) => process.stderr.write(`${text}\n`);

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError('must be a port number from 1 to 65535 (0: any free port)');
  return port;
}

/** Add `dev` and `preview` to `program`. */
export function registerServeCommands(program: Command, printers: ServePrinters): void {
  program
    .command('dev')
    .description('serve the site from memory while you write: rebuild on every save (unchanged examples come from the cache) and reload open pages')
    .option('--root <dir>', 'project folder', '.')
    .option('--port <n>', 'port to listen on (0: any free port)', parsePort, 4000)
    .option('--host <address>', 'address to listen on (0.0.0.0: every interface)', '127.0.0.1')
    .option('--drafts', 'include drafts and future-dated posts')
    .action(async (flags: ServeFlags) => {
      const server = await startDev({
        ...flags,
        reporter: (quiet) => printers.createReporter(process.stderr, quiet),
        formatError: printers.formatError,
        log,
      });
      stopOnSignal(server.close, log);
    });

  program
    .command('preview')
    .description('serve the built site/ as a static host does (404 page, _redirects, folder redirects), to check it before publishing')
    .option('--root <dir>', 'project folder', '.')
    // Vite's and many hosts' local preview port, so that it can run beside `dev` on 4000.
    .option('--port <n>', 'port to listen on (0: any free port)', parsePort, 4173)
    .option('--host <address>', 'address to listen on (0.0.0.0: every interface)', '127.0.0.1')
    .action(async (flags: ServeFlags) => {
      const server = await startPreview(flags);
      log(`Serving ${server.url} from the built site · Ctrl-C stops`);
      stopOnSignal(server.close, log);
    });
}
