// The shared shape of every HTTP-checked run: start a server in the sandbox, wait until it listens, request, kill.
import type { Example } from '../examples/extract.ts';
import { askedPort, plannedRequests, sendRequests } from './exchanges.ts';
import { tailLines } from '../util/text.ts';
import { delay, describeExit, withDeadline } from './process.ts';
import type { Sandbox, SandboxRun } from './sandbox.ts';
import type { ExchangeRecord, RunContext, RunRecord, RuntimeInfo } from './types.ts';

export interface ServeOptions {
  example: Example;
  sandbox: Sandbox;
  ctx: RunContext;
  argv: string[];
  runtime: RuntimeInfo;
}

// After the response, servers print an access-log line (wsgiref does so once the body is sent). Wait for
// the log to grow, at most LOG_SETTLE_MS, so the line is captured before the server is killed.
const LOG_SETTLE_MS = 250;
const LOG_POLL_MS = 1;

/** Run a server example end to end and record what happened; never throws for example failures. */
export async function serveAndRequest(options: ServeOptions): Promise<RunRecord> {
  const { example, sandbox, ctx } = options;
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const timeoutMs = example.spec.timeoutMs ?? ctx.timeoutMs;
  const server = sandbox.start(options.argv);
  const finish = (fields: { exchanges?: ExchangeRecord[]; error?: string }): RunRecord => ({
    ...fields,
    ...(fields.exchanges?.[0]?.response ? { http: fields.exchanges[0].response } : {}),
    serverLog: server.log(),
    startedAt,
    durationMs: Date.now() - started,
    runtime: options.runtime,
  });
  const phase: { listenedOn?: number } = {};
  try {
    const outcome = await withDeadline(exchange(server, example, timeoutMs, phase), timeoutMs);
    if (outcome === 'timeout') {
      const what = phase.listenedOn === undefined ? 'the server never listened on a port' : `the server listened on port ${phase.listenedOn} but did not answer`;
      return finish({ error: server.breach() ?? `timed out after ${timeoutMs} ms: ${what}\n${tailLines(server.log())}`.trimEnd() });
    }
    if ('error' in outcome) return finish({ error: outcome.error });
    await waitForLogGrowth(server, outcome.logLengthBeforeRequest);
    const failedExchange = outcome.exchanges.find((exchange) => exchange.error !== undefined);
    const breach = failedExchange ? server.breach() : undefined;
    return finish({ exchanges: outcome.exchanges, ...(breach ? { error: breach } : {}) });
  } finally {
    await server.kill();
  }
}

async function exchange(
  server: SandboxRun,
  example: Example,
  timeoutMs: number,
  phase: { listenedOn?: number },
): Promise<{ exchanges: ExchangeRecord[]; logLengthBeforeRequest: number } | { error: string }> {
  const listening = await Promise.race([server.waitForReport('listening'), server.exited.then(() => undefined)]);
  if (!listening) {
    const exit = await server.exited;
    return { error: server.breach(exit) ?? `the server exited (${describeExit(exit)}) before it listened on a port\n${tailLines(server.log())}` };
  }
  phase.listenedOn = askedPort(listening);
  const logLengthBeforeRequest = server.log().length;
  const exchanges = await sendRequests({ run: server, servers: [listening], requests: plannedRequests(example), timeoutMs });
  return { exchanges, logLengthBeforeRequest };
}

async function waitForLogGrowth(server: SandboxRun, lengthBeforeRequest: number): Promise<void> {
  const deadline = Date.now() + LOG_SETTLE_MS;
  while (server.log().length === lengthBeforeRequest && Date.now() < deadline) await delay(LOG_POLL_MS);
  // The line may arrive in pieces (stderr is unbuffered, written per call); give the rest one more poll.
  await delay(LOG_POLL_MS);
}
