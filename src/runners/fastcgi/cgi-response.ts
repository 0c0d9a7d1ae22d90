// Parses a CGI response (what a FastCGI app writes to STDOUT) into status, headers and body, as a web server does.
import { STATUS_CODES } from 'node:http';

/** A CGI response split into its HTTP parts; the CGI `Status` field becomes status/statusText. */
export interface CgiResponse {
  status: number;
  statusText: string;
  /** Header fields in order, names as sent, without `Status`. */
  headers: [string, string][];
  body: Buffer;
}

const LINE_FEED = 0x0a;

// Split CGI output at the first blank line (CRLF or bare LF) and turn the `Status` field into the HTTP status.
export function parseCgiResponse(stdout: Buffer): CgiResponse {
  // Find the blank line first, so output that is all body reports the missing terminator, not a bad header.
  const lines: string[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = stdout.indexOf(LINE_FEED, offset);
    if (lineEnd === -1) {
      throw new Error(`Malformed CGI response: no blank line ends the headers (got ${stdout.length} bytes: ${preview(stdout)})`);
    }
    const line = stdout.toString('latin1', offset, lineEnd).replace(/\r$/, '');
    offset = lineEnd + 1;
    if (line === '') break;
    lines.push(line);
  }

  const headers: [string, string][] = [];
  let statusField: string | undefined;
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`Malformed CGI response: header line without a name and colon: ${JSON.stringify(line)}`);
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') statusField = value;
    else headers.push([name, value]);
  }
  const body = stdout.subarray(offset);

  if (statusField !== undefined) return { ...parseStatusField(statusField), headers, body };
  // RFC 3875 6.2.3: a Location without Status is a client redirect, which web servers send as 302.
  if (headers.some(([name]) => name.toLowerCase() === 'location')) return { status: 302, statusText: 'Found', headers, body };
  return { status: 200, statusText: 'OK', headers, body };
}

function parseStatusField(field: string): { status: number; statusText: string } {
  const match = /^(\d{3})(?:\s+(.*))?$/.exec(field);
  if (!match?.[1]) throw new Error(`Malformed CGI response: Status field ${JSON.stringify(field)} does not start with a 3-digit code`);
  const status = Number(match[1]);
  return { status, statusText: match[2] ?? STATUS_CODES[status] ?? '' };
}

function preview(stdout: Buffer): string {
  const text = stdout.toString('latin1', 0, 60);
  return JSON.stringify(stdout.length > 60 ? `${text}…` : text);
}
