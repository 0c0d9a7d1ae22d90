// The requests an example is checked with — its ```http block's exchanges, or the default `GET path` —
// sent to the servers it started, each recorded with what came back. Never throws for example failures.
import type { Example } from '../examples/extract.ts';
import type { HttpRequestSpec } from '../examples/http-exchanges.ts';
import { requestOnce } from './http-request.ts';
import type { ProcessReport } from './process.ts';
import type { SandboxRun } from './sandbox.ts';
import type { ExchangeRecord } from './types.ts';

/** A request to make, and where in the post it was written. */
export interface PlannedRequest {
  line: number;
  request: Pick<HttpRequestSpec, 'method' | 'path' | 'port' | 'headers' | 'body'>;
}

/** The requests `example` is checked with: its exchanges, else one GET of `path=` (when it has anything to check over HTTP). */
export function plannedRequests(example: Example): PlannedRequest[] {
  if (example.exchanges) return example.exchanges.map(({ line, request }) => ({ line, request }));
  return [{ line: example.line, request: { method: 'GET', path: example.spec.path, headers: [], body: '' } }];
}

/** How to reach a port the example listens on (through the sandbox's bridge). */
export type Connector = Pick<SandboxRun, 'connect'>;

/**
 * Send each planned request to the port it names, else to `servers`' last one (the server the example
 * started last). `Host` says the port the article names, as a browser would.
 */
export async function sendRequests(options: {
  run: Connector;
  servers: ProcessReport[];
  requests: PlannedRequest[];
  timeoutMs: number;
}): Promise<ExchangeRecord[]> {
  const records: ExchangeRecord[] = [];
  for (const { line, request } of options.requests) {
    const server = request.port === undefined ? options.servers.at(-1) : options.servers.find((report) => askedPort(report) === request.port);
    const port = request.port ?? (server ? askedPort(server) : 0);
    const record: ExchangeRecord = { line, request: { method: request.method, path: request.path, port } };
    records.push(record);
    if (!server) {
      const listening = options.servers.map(askedPort);
      record.error = listening.length === 0 ? 'nothing was listening: no server had started' : `nothing listens on port ${port} (the example listens on ${listening.join(', ')})`;
      continue;
    }
    try {
      record.response = await requestOnce({
        connect: () => options.run.connect(server),
        path: request.path,
        method: request.method,
        headers: request.headers,
        body: request.body,
        host: `localhost:${port}`,
        timeoutMs: options.timeoutMs,
      });
    } catch (error) {
      record.error = `${request.method} ${request.path} on port ${port} failed: ${(error as Error).message}`;
    }
  }
  return records;
}

/** The port the example asked for (the process layer moves Python binds; namespaces keep it). */
export function askedPort(report: ProcessReport): number {
  return Number(report.asked_port ?? report.port) || 80;
}
