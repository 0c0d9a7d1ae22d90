// run=console: a terminal session. Each `$ ` command runs in turn with bash in the example's folder,
// its output captured apart; a command still running when it listens on a port is a server and stays
// up for what follows (later commands, proofpress's requests), as in a reader's second terminal.
import { parseConsoleSession, type SessionCommand } from '../examples/console-session.ts';
import type { Example } from '../examples/extract.ts';
import { tailLines } from '../util/text.ts';
import { plannedRequests, sendRequests, askedPort } from './exchanges.ts';
import { delay, type ProcessReport } from './process.ts';
import type { Sandbox, SandboxRun, SpawnedProcess } from './sandbox.ts';
import type { CommandRecord, RunContext, Runner, RunRecord } from './types.ts';

/**
 * Runs one command as typed (`eval`, byte for byte) in the folder and with the exported variables the
 * previous command left, as one terminal would; then saves them for the next. $1: the state folder,
 * $2: the command. Positional parameters are cleared first, so the command sees none.
 */
const COMMAND_WRAPPER = [
  '__pp_state=$1; __pp_command=$2; set --',
  'mkdir -p "$__pp_state"',
  'if [ -f "$__pp_state/cwd" ]; then cd -- "$(cat "$__pp_state/cwd")" || exit 1; fi',
  'if [ -f "$__pp_state/env" ]; then . "$__pp_state/env"; fi',
  'eval "$__pp_command"',
  '__pp_status=$?',
  'pwd > "$__pp_state/cwd"; export -p > "$__pp_state/env"',
  'exit $__pp_status',
].join('\n');

// After a server starts listening it usually prints where (Flask's "Running on …", uvicorn's banner):
// wait for its output to be quiet this long (at most SETTLE_MAX_MS) before the session goes on.
const SETTLE_QUIET_MS = 150;
const SETTLE_MAX_MS = 2_000;
// Once a command has exited, what it left running may still hold its output open: wait this long at most.
const OUTPUT_END_MS = 300;

export const consoleRunner: Runner = {
  kind: 'console',
  run: async (example, sandbox, ctx) => {
    const started = Date.now();
    const timeoutMs = example.spec.timeoutMs ?? ctx.timeoutMs;
    // The session's own first process: it only keeps the sandbox open while the commands come and go.
    const keeper = sandbox.start(['/bin/sleep', 'infinity']);
    try {
      const session = await runCommands(example, sandbox, keeper, timeoutMs);
      const wantsRequests = example.exchanges !== undefined || example.spec.expect !== undefined;
      const exchanges =
        wantsRequests && session.error === undefined
          ? await sendRequests({ run: keeper, servers: session.servers, requests: plannedRequests(example), timeoutMs })
          : undefined;
      return {
        ...(session.error ? { error: session.error } : {}),
        commands: session.commands,
        ...(exchanges ? { exchanges, ...(exchanges[0]?.response ? { http: exchanges[0].response } : {}) } : {}),
        serverLog: keeper.log(),
        startedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        runtime: {
          interpreter: `bash, with Python ${ctx.python.version}`,
          gateway: describeServers(session.commands),
          isolation: ctx.isolationLabel,
        },
      } satisfies RunRecord;
    } finally {
      await keeper.kill();
    }
  },
};

interface SessionOutcome {
  commands: CommandRecord[];
  /** The `listening` reports of the servers the session started, in order. */
  servers: ProcessReport[];
  error?: string;
}

async function runCommands(example: Example, sandbox: Sandbox, keeper: SandboxRun, timeoutMs: number): Promise<SessionOutcome> {
  const where = (line: number) => ({ file: example.source, line });
  const replayed = example.preceding.flatMap((block) => parseConsoleSession(block.code, where(block.line)).map((command) => ({ command, replayed: true })));
  const own = parseConsoleSession(example.code, where(example.line)).map((command) => ({ command, replayed: false }));
  const state = `${sandbox.scratchDir}/.proofpress-session`;
  const outcome: SessionOutcome = { commands: [], servers: [] };
  const seen = new Set<string>();
  for (const { command, replayed: isReplay } of [...replayed, ...own]) {
    const record = await runOne({ command, replayed: isReplay, keeper, state, timeoutMs, seen });
    outcome.commands.push(record.command);
    if (record.server) outcome.servers.push(record.server);
    if (record.command.error !== undefined) {
      outcome.error = keeper.breach() ?? `\`$ ${firstLine(command.command)}\` (line ${command.line}) ${record.command.error}\n${tailLines(record.command.output)}`.trimEnd();
      break;
    }
  }
  return outcome;
}

async function runOne(options: {
  command: SessionCommand;
  replayed: boolean;
  keeper: SandboxRun;
  state: string;
  timeoutMs: number;
  seen: Set<string>;
}): Promise<{ command: CommandRecord; server?: ProcessReport }> {
  const { command, keeper, seen } = options;
  const process = keeper.spawn('command', ['/bin/bash', '--noprofile', '--norc', '-c', COMMAND_WRAPPER, 'proofpress-session', options.state, command.command], { capture: true });
  const fresh = (report: ProcessReport) => !seen.has(listenKey(report));
  const base = { line: command.line, command: command.command, replayed: options.replayed };
  const outcome = await Promise.race([
    process.exited.then((exit) => ({ exit })),
    keeper.waitForReport('listening', fresh).then((listening) => ({ listening })),
    delay(options.timeoutMs).then(() => 'timeout' as const),
  ]);
  if (outcome === 'timeout') {
    process.kill();
    return { command: { ...base, output: process.output(), error: `neither exited nor listened on a port within ${options.timeoutMs} ms` } };
  }
  if ('listening' in outcome && outcome.listening) {
    seen.add(listenKey(outcome.listening));
    await quiet(process);
    return { command: { ...base, output: process.output(), server: { port: askedPort(outcome.listening) } }, server: outcome.listening };
  }
  const exit = 'exit' in outcome ? outcome.exit : await process.exited;
  await Promise.race([process.outputEnded, delay(OUTPUT_END_MS)]);
  return { command: { ...base, output: process.output(), exitCode: exit.exitCode, signal: exit.signal } };
}

function listenKey(report: ProcessReport): string {
  return `${String(report.address)}:${String(report.port)}`;
}

async function quiet(process: SpawnedProcess): Promise<void> {
  const deadline = Date.now() + SETTLE_MAX_MS;
  let length = -1;
  while (process.output().length !== length && Date.now() < deadline) {
    length = process.output().length;
    await delay(SETTLE_QUIET_MS);
  }
}

function firstLine(command: string): string {
  const [first = '', ...rest] = command.split('\n');
  return rest.length > 0 ? `${first} …` : first;
}

function describeServers(commands: CommandRecord[]): string {
  const servers = commands.filter((command) => command.server);
  if (servers.length === 0) return 'a terminal session';
  return `a terminal session; servers: ${servers.map((command) => `\`${firstLine(command.command)}\` on port ${command.server!.port}`).join(', ')}`;
}
