// Command line: `proofpress init | new | build | check | setup | dev | preview`; prints progress and errors, sets the exit code.
import { Command, InvalidArgumentError, Option } from 'commander';
import { build } from './build.ts';
import { engineVersion } from './commands/engine.ts';
import { registerScaffoldCommands } from './commands/register-commands.ts';
import { type ConfigOverrides, resolveConfig } from './config/resolve.ts';
import { loadPosts } from './content/load-posts.ts';
import { formatError, printError } from './report/format-error.ts';
import { createReporter } from './report/progress.ts';
import { printSummary } from './report/summary.ts';
import { describePythons } from './report/pythons.ts';
import { preparePostPythons } from './runners/prepare.ts';
import { registerServeCommands } from './serve-commands.ts';
import { escapeControls } from './util/text.ts';
import { watchLaunchers } from './util/watch-launchers.ts';
import { parseShard } from './verify/shard.ts';

function parseConcurrency(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return number;
}

interface BuildFlags {
  root: string;
  drafts?: boolean;
  cache: boolean;
  concurrency?: number;
  quiet?: boolean;
  fastcgiFrontEnd?: 'auto' | 'nginx' | 'embedded';
  isolation?: 'auto' | 'strict' | 'process';
  strict?: boolean;
  filter?: string;
  /** `check` only: `i/n`, read by parseShard. */
  shard?: string;
}

function overridesFrom(flags: BuildFlags): ConfigOverrides {
  return {
    drafts: flags.drafts,
    useCache: flags.cache,
    concurrency: flags.concurrency,
    fastcgiFrontEnd: flags.fastcgiFrontEnd,
    isolation: flags.isolation,
    ...(flags.strict ? { missingInterpreter: 'error' as const } : {}),
  };
}

async function runBuild(flags: BuildFlags, write: boolean): Promise<void> {
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const config = resolveConfig(flags.root, overridesFrom(flags));
  watchLaunchers((pid, name) => {
    process.stderr.write(`✗ The command that started this build (${escapeControls(name)}, pid ${pid}) was killed; stopping the build and its examples.\n`);
    process.exit(1); // exit handlers kill the examples' process groups; sandboxes die with this process
  });
  const reporter = createReporter(process.stderr, flags.quiet);
  const started = Date.now();
  // `build` stops early when nothing changed since the last build (`--no-cache` always builds everything).
  const result = await build(config, { reporter, write, filter: flags.filter, shard, skipIfUpToDate: write }).finally(() => reporter.end?.());
  printSummary(result.verifications, Date.now() - started, write ? config.outDir : undefined);
}

const program = new Command()
  .name('proofpress')
  .description('A static blog engine that runs every code example of a post and publishes what it verified.')
  .version(engineVersion(), '-v, --version', 'print the version of proofpress')
  .option('--debug', 'print the stack trace of an error (as DEBUG=1 does)')
  .configureHelp({ showGlobalOptions: true })
  .showHelpAfterError();

// Errors name files relative to the project folder (--root): the error printer reads them there for code frames.
let projectRoot: string | undefined;
program.hook('preAction', (_program, action) => {
  projectRoot = (action.opts() as { root?: string }).root;
});

// init and new (src/commands) write a blog's files: the scaffold and a dated post.
registerScaffoldCommands(program);

for (const [name, description, write] of [
  ['build', 'verify every example, then write snippets/ and site/', true],
  ['check', 'verify every example without writing anything', false],
] as const) {
  program
    .command(name)
    .description(description)
    .option('--root <dir>', 'project folder', '.')
    .option('--drafts', 'include drafts and future-dated posts')
    .option('--no-cache', 'run every example even when a cached result matches')
    .option('--concurrency <n>', 'examples run at once', parseConcurrency)
    .option('--quiet', 'print only failures and the summary')
    .addOption(new Option('--fastcgi-front-end <kind>', 'front end of run=fastcgi examples').choices(['auto', 'nginx', 'embedded']))
    .addOption(
      new Option('--isolation <mode>', 'how examples are isolated: namespaces when possible (auto), namespaces or fail (strict), or the process layer')
        .choices(['auto', 'strict', 'process']),
    )
    .option('--strict', 'an example whose Python (python: "2.7") is not installed fails the build instead of being published as not run')
    .option('--filter <post>', "run only this post's examples (its slug or file); other pages still render, their examples cached or marked not run")
    // A shard verifies part of the site, so only `check` shows it; `build --shard` is refused saying what to run instead.
    .addOption(
      new Option('--shard <i/n>', "verify only part i of n of the site's examples, one CI job per part; the others are cached or not run")
        .conflicts('filter')
        .hideHelp(write),
    )
    .action((flags: BuildFlags) => runBuild(flags, write));
}

program
  .command('setup')
  .alias('setup-python')
  .description('create or refresh .venv, and the environments of the Pythons posts choose, with the packages posts declare (a build also does it when an example needs Python)')
  .option('--root <dir>', 'project folder', '.')
  .action(async (flags: { root: string }) => {
    const config = resolveConfig(flags.root, { drafts: true });
    const pythons = await preparePostPythons(config, await loadPosts(config));
    process.stderr.write(`✓ ${escapeControls(describePythons(pythons))}\n`);
  });

// dev and preview (src/dev, src/preview) are long-running servers; report/'s printers reach them from here.
registerServeCommands(program, { createReporter, formatError: (error) => formatError(error) });

try {
  await program.parseAsync();
} catch (error) {
  // Each failed example or invalid post the error carries is printed first, with its code frame.
  printError(error, { root: projectRoot, debug: (program.opts() as { debug?: boolean }).debug || undefined });
  process.exitCode = 1;
}
