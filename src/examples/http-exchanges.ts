// Stage 3d: parse an ```http block — the requests a reader would make and the responses the post says
// come back — into plain data. Exchanges are separated by a line `###` (as the VS Code REST Client and
// JetBrains' HTTP client separate requests), so the block stays readable and valid Markdown.
import { ExampleSpecError } from '../errors.ts';
import type { SpecLocation } from './fence-info.ts';

/** A request as written in the post. */
export interface HttpRequestSpec {
  method: string;
  /** The target as written: a path (`/hello?x=1`) or a URL (`http://localhost:5000/`). */
  target: string;
  /** The path and query sent. */
  path: string;
  /** The port the post names (URL or Host header); undefined: the server the example started last. */
  port?: number;
  headers: [string, string][];
  /** Sent as written (UTF-8), with its Content-Length; empty: no body. */
  body: string;
}

/** The response the post says comes back. Only what is written is checked. */
export interface HttpResponseSpec {
  status: number;
  /** Each must be present (name case-insensitive; the value may use `...` wildcards). */
  headers: [string, string][];
  /** The expected body (wildcards; JSON compared as JSON); undefined: not checked. */
  body?: string;
}

export interface HttpExchangeSpec {
  /** File line of the request line. */
  line: number;
  request: HttpRequestSpec;
  response: HttpResponseSpec;
}

const SEPARATOR = /^###/;
const REQUEST_LINE = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?\s*$/;
const RESPONSE_LINE = /^HTTP\/\d(?:\.\d)?\s+(\d{3})(?:\s.*)?$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)\s*$/;

/** Parse the text of an ```http block whose opening fence is at `where.line`. */
export function parseHttpExchanges(text: string, where: SpecLocation): HttpExchangeSpec[] {
  const lines = text.replace(/\n$/, '').split('\n');
  const groups: { start: number; lines: string[] }[] = [{ start: 0, lines: [] }];
  lines.forEach((line, index) => {
    if (SEPARATOR.test(line)) groups.push({ start: index + 1, lines: [] });
    else groups.at(-1)!.lines.push(line);
  });
  const exchanges = groups
    .filter((group) => group.lines.some((line) => line.trim() !== '' && !isComment(line)))
    .map((group) => parseExchange(group.lines, where.line + 1 + group.start, where));
  if (exchanges.length === 0) {
    throw new ExampleSpecError('This ```http block has no request', { ...where, hint: 'Write a request line such as `GET / HTTP/1.1`, a blank line, then the response `HTTP/1.1 200 OK`.' });
  }
  return exchanges;
}

function isComment(line: string): boolean {
  return line.startsWith('# ') || line.startsWith('//');
}

function parseExchange(lines: string[], firstLine: number, where: SpecLocation): HttpExchangeSpec {
  let index = lines.findIndex((line) => line.trim() !== '' && !isComment(line));
  const at = (i: number) => ({ file: where.file, line: firstLine + i });
  const requestMatch = REQUEST_LINE.exec(lines[index]!);
  if (!requestMatch) {
    throw new ExampleSpecError(`\`${lines[index]}\` is not an HTTP request line`, { ...at(index), hint: 'Start each exchange with `METHOD /path HTTP/1.1` (e.g. `GET /hello HTTP/1.1`); separate exchanges with a line `###`.' });
  }
  const requestLine = index;
  const [, method, target] = requestMatch as unknown as [string, string, string];
  index += 1;
  const requestHeaders = readHeaders(lines, index, at);
  index = requestHeaders.next;
  const responseAt = lines.findIndex((line, i) => i >= index && RESPONSE_LINE.test(line));
  if (responseAt === -1) {
    throw new ExampleSpecError(`The request \`${method} ${target}\` has no response`, { ...at(requestLine), hint: 'Write the response the reader gets after the request, e.g. `HTTP/1.1 200 OK`, its headers to check, a blank line and the body.' });
  }
  const requestBody = trimBlankEdges(lines.slice(index, responseAt)).join('\n');
  const status = Number(RESPONSE_LINE.exec(lines[responseAt]!)![1]);
  const responseHeaders = readHeaders(lines, responseAt + 1, at);
  const bodyLines = trimBlankEdges(lines.slice(responseHeaders.next));
  const { path, port } = resolveTarget(target, requestHeaders.headers, at(requestLine));
  return {
    line: at(requestLine).line,
    request: { method, target, path, port, headers: requestHeaders.headers, body: requestBody },
    response: { status, headers: responseHeaders.headers, body: bodyLines.length > 0 ? `${bodyLines.join('\n')}\n` : undefined },
  };
}

// Headers run from `start` to the first blank line (or the end, or a response line right after them).
function readHeaders(lines: string[], start: number, at: (i: number) => SpecLocation): { headers: [string, string][]; next: number } {
  const headers: [string, string][] = [];
  let i = start;
  for (; i < lines.length && lines[i]!.trim() !== '' && !RESPONSE_LINE.test(lines[i]!); i++) {
    const match = HEADER_LINE.exec(lines[i]!);
    if (!match) throw new ExampleSpecError(`\`${lines[i]}\` is not a header line`, { ...at(i), hint: 'Headers are `Name: value`; leave a blank line before a body.' });
    headers.push([match[1]!, match[2]!]);
  }
  return { headers, next: i < lines.length && lines[i]!.trim() === '' ? i + 1 : i };
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}

function resolveTarget(target: string, headers: [string, string][], where: SpecLocation): { path: string; port?: number } {
  const hostHeader = headers.find(([name]) => name.toLowerCase() === 'host')?.[1];
  const portOf = (host: string | undefined) => {
    const match = host === undefined ? null : /:(\d+)$/.exec(host);
    return match ? Number(match[1]) : undefined;
  };
  if (/^https?:\/\//i.test(target)) {
    const url = URL.canParse(target) ? new URL(target) : undefined;
    if (!url || url.protocol !== 'http:') throw new ExampleSpecError(`\`${target}\` is not an http:// URL proofpress can request`, { ...where, hint: 'Use http://localhost:PORT/path (the sandbox has no TLS), or a path.' });
    return { path: `${url.pathname}${url.search}`, port: url.port ? Number(url.port) : 80 };
  }
  if (!target.startsWith('/')) throw new ExampleSpecError(`The request target \`${target}\` must be a path or an http:// URL`, { ...where, hint: 'Write e.g. `GET /hello HTTP/1.1`.' });
  return { path: target, port: portOf(hostHeader) };
}
