// A minimal FastCGI client: sends one RESPONDER request over node:net, as a web server's FastCGI module would.
import net from 'node:net';
import {
  FCGI_RESPONDER,
  RecordType,
  createRecordParser,
  decodeEndRequest,
  encodeBeginRequest,
  encodeNameValuePairs,
  encodeStream,
} from './protocol.ts';

/** What a FastCGI application answered to one request. */
export interface FastcgiResponse {
  /** The raw CGI response (headers, blank line, body); see parseCgiResponse. */
  stdout: Buffer;
  /** What the application wrote to its FCGI_STDERR stream (for flup, `wsgi.errors`). */
  stderr: string;
  /** The application's exit status from END_REQUEST. */
  appStatus: number;
  /** 0 = REQUEST_COMPLETE, 1 = CANT_MPX_CONN, 2 = OVERLOADED, 3 = UNKNOWN_ROLE. */
  protocolStatus: number;
}

/** Options for sendFastcgiRequest. */
export interface FastcgiRequestOptions {
  /** Address of the FastCGI server (the application), not of the public web server. */
  host: string;
  port: number;
  /** Opens the connection instead of a TCP connect to host:port (through a sandbox's bridge). */
  connect?: () => Promise<net.Socket>;
  /** CGI params, usually from buildCgiParams; include CONTENT_LENGTH when sending a body. */
  params: Record<string, string>;
  /** The request body, sent as the STDIN stream. */
  body?: Uint8Array;
  /** Limit for the whole exchange, connecting included. */
  timeoutMs: number;
}

/** Options for buildCgiParams: the request as a browser would send it to the public web server. */
export interface CgiRequest {
  method: string;
  /** Request target with optional query, e.g. `/missing?x=1`. */
  path: string;
  /** Host and port the client addressed (HTTP_HOST, SERVER_PORT). */
  host: string;
  port: number;
  /** @default host */
  serverName?: string;
  /** Where the application is mounted; stripped from the front of PATH_INFO. @default '' */
  scriptName?: string;
  /** @default '127.0.0.1' */
  remoteAddr?: string;
  /** Byte length of the body, sent as CONTENT_LENGTH. */
  contentLength?: number;
  contentType?: string;
}

// One request per connection, so any non-zero id would do; 0 is reserved for management records.
const REQUEST_ID = 1;

// Send one RESPONDER request and collect STDOUT and STDERR until END_REQUEST; the socket is always destroyed.
export async function sendFastcgiRequest(options: FastcgiRequestOptions): Promise<FastcgiResponse> {
  const { host, port, timeoutMs } = options;
  const where = `FastCGI server at ${host}:${port}`;
  const request = Buffer.concat([
    encodeBeginRequest({ requestId: REQUEST_ID, role: FCGI_RESPONDER, flags: 0 }),
    encodeStream({ type: RecordType.Params, requestId: REQUEST_ID, content: encodeNameValuePairs(options.params) }),
    encodeStream({ type: RecordType.Stdin, requestId: REQUEST_ID, content: options.body ?? new Uint8Array(0) }),
  ]);
  const timedOut = () => new Error(`FastCGI request to ${host}:${port} timed out after ${timeoutMs} ms`);
  const started = Date.now();
  const opening = options.connect ? options.connect() : connectTcp(host, port);
  let timer: NodeJS.Timeout | undefined;
  const socket = await Promise.race([
    opening,
    new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(timedOut()), timeoutMs))),
  ]).catch((error: NodeJS.ErrnoException) => {
    void opening.then((late) => late.destroy(), () => {});
    throw error.message.includes('timed out after') ? error : describeSocketError(error, where);
  }).finally(() => clearTimeout(timer));

  return new Promise<FastcgiResponse>((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const parseRecords = createRecordParser();
    let settled = false;

    const settle = (outcome: { error: Error } | { response: FastcgiResponse }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      socket.destroy();
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.response);
    };

    const deadline = setTimeout(() => settle({ error: timedOut() }), Math.max(1, timeoutMs - (Date.now() - started)));

    socket.on('data', (chunk: Buffer) => {
      try {
        for (const record of parseRecords(chunk)) {
          // Management records (id 0) and other ids are not ours; a single-request client can skip them.
          if (record.requestId !== REQUEST_ID) continue;
          if (record.type === RecordType.Stdout) stdout.push(record.content);
          else if (record.type === RecordType.Stderr) stderr.push(record.content);
          else if (record.type === RecordType.EndRequest) {
            const { appStatus, protocolStatus } = decodeEndRequest(record.content);
            const response = { stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8'), appStatus, protocolStatus };
            settle({ response });
            return;
          }
        }
      } catch (cause) {
        settle({ error: new Error(`${where} sent an invalid FastCGI record`, { cause }) });
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => settle({ error: describeSocketError(error, where) }));
    socket.on('close', () => {
      settle({ error: new Error(`${where} closed the connection before END_REQUEST`) });
    });
    socket.write(request);
    socket.resume();
  });
}

function connectTcp(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port }, () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

function describeSocketError(error: NodeJS.ErrnoException, where: string): Error {
  if (error.code === 'ECONNREFUSED') {
    return new Error(`Cannot connect to ${where}: connection refused (is the FastCGI server running?)`, { cause: error });
  }
  return new Error(`Connection to ${where} failed: ${error.message}`, { cause: error });
}

// Build the CGI params a web server sends with a request (RFC 3875 meta-variables plus HTTP_HOST and REQUEST_URI).
export function buildCgiParams(options: CgiRequest): Record<string, string> {
  const scriptName = options.scriptName ?? '';
  const queryStart = options.path.indexOf('?');
  const rawPath = queryStart === -1 ? options.path : options.path.slice(0, queryStart);
  const query = queryStart === -1 ? '' : options.path.slice(queryStart + 1);
  // RFC 3875 4.1.5: PATH_INFO is decoded, unlike REQUEST_URI and QUERY_STRING.
  const path = decodePath(rawPath);
  const pathInfo = scriptName !== '' && path.startsWith(scriptName) ? path.slice(scriptName.length) : path;

  const params: Record<string, string> = {
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_SOFTWARE: 'proofpress',
    SERVER_PROTOCOL: 'HTTP/1.1',
    SERVER_NAME: options.serverName ?? options.host,
    SERVER_PORT: String(options.port),
    REQUEST_METHOD: options.method.toUpperCase(),
    REQUEST_URI: options.path,
    SCRIPT_NAME: scriptName,
    PATH_INFO: pathInfo,
    QUERY_STRING: query,
    REMOTE_ADDR: options.remoteAddr ?? '127.0.0.1',
    HTTP_HOST: `${options.host}:${options.port}`,
  };
  if (options.contentLength !== undefined) params.CONTENT_LENGTH = String(options.contentLength);
  if (options.contentType !== undefined) params.CONTENT_TYPE = options.contentType;
  return params;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // a malformed escape is passed on as sent, as nginx does
  }
}
