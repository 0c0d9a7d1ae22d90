// Tests the FastCGI client against a real flup server, plus its record framing and CGI response parsing.
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseCgiResponse } from '../../../src/runners/fastcgi/cgi-response.ts';
import { buildCgiParams, sendFastcgiRequest } from '../../../src/runners/fastcgi/client.ts';
import {
  RecordType,
  createRecordParser,
  decodeNameValuePairs,
  encodeNameValuePairs,
  encodeRecord,
  encodeStream,
  type FastcgiRecord,
} from '../../../src/runners/fastcgi/protocol.ts';

const python = path.resolve('.venv/bin/python');
const fixture = path.resolve('test/fixtures/python/flup_on_fd0.py');

interface RunningServer {
  port: number;
  stop: () => Promise<void>;
}

// Start flup like a web server does: the fixture puts a listening socket on its own fd 0 and prints the port.
async function startFlup(): Promise<RunningServer> {
  if (!existsSync(python)) {
    throw new Error(`No Python with flup at ${python}. Run \`npm run setup\` to create the .venv.`);
  }
  const subprocess = execa(python, [fixture], {
    detached: true,
    stdin: 'ignore',
    buffer: false,
    extendEnv: false,
    env: { PYTHONDONTWRITEBYTECODE: '1' },
  });
  const stop = async (): Promise<void> => {
    // detached: the fixture leads its own process group, so this kills anything it started too.
    if (subprocess.pid !== undefined && subprocess.exitCode === null) process.kill(-subprocess.pid, 'SIGKILL');
    await subprocess.catch(() => undefined);
  };
  try {
    return { port: await readPort(subprocess), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function readPort(subprocess: ReturnType<typeof execa>): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`flup fixture printed no port within 5 s. stderr: ${stderr}`)), 5000);
    subprocess.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    subprocess.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^(\d+)\n/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    subprocess.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`flup fixture exited with ${code} before printing its port. stderr: ${stderr}`));
    });
  });
}

// Start a throwaway TCP server that treats each connection as `onConnection` says.
async function startTcpServer(onConnection: (socket: net.Socket) => void): Promise<RunningServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const stop = async (): Promise<void> => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return { port, stop };
}

describe('runners/fastcgi/client', () => {
  let flup: RunningServer;
  beforeAll(async () => {
    flup = await startFlup();
  });
  afterAll(async () => {
    await flup?.stop();
  });

  const request = (options: { method: string; path: string; body?: Buffer }) =>
    sendFastcgiRequest({
      host: '127.0.0.1',
      port: flup.port,
      params: buildCgiParams({ ...options, host: '127.0.0.1', port: 8000, contentLength: options.body?.length }),
      body: options.body,
      timeoutMs: 5000,
    });

  test('answers a GET for / with status 200 and the body', async () => {
    const response = await request({ method: 'GET', path: '/' });
    const parsed = parseCgiResponse(response.stdout);

    expect(parsed.status).toBe(200);
    expect(parsed.statusText).toBe('OK');
    expect(parsed.body.toString()).toBe('My Own Hello World!\n');
    expect(parsed.headers).toContainEqual(['Content-Type', 'text/plain']);
    expect(parsed.headers).toContainEqual(['Content-Length', '20']);
    expect(response).toMatchObject({ appStatus: 0, protocolStatus: 0, stderr: '' });
  });

  test('turns the Status header of a 404 into the status', async () => {
    const parsed = parseCgiResponse((await request({ method: 'GET', path: '/missing?x=1' })).stdout);

    expect(parsed.status).toBe(404);
    expect(parsed.statusText).toBe('Not Found');
    expect(parsed.headers.map(([name]) => name)).not.toContain('Status');
    expect(parsed.body.toString()).toBe('Not found: /missing\n');
  });

  test('delivers a POST body to the app', async () => {
    const response = await request({ method: 'POST', path: '/', body: Buffer.from('name=proofpress') });

    expect(parseCgiResponse(response.stdout).body.toString()).toBe('You sent: name=proofpress');
  });

  test('delivers a body longer than one record intact', async () => {
    const body = Buffer.alloc(200_000, 'abcdefghij');
    const response = await request({ method: 'POST', path: '/', body });

    expect(parseCgiResponse(response.stdout).body.equals(Buffer.concat([Buffer.from('You sent: '), body]))).toBe(true);
  });

  test('passes a param longer than 127 bytes (a 4-byte length) to the app', async () => {
    const query = `q=${'x'.repeat(198)}`; // 200 bytes: a one-byte length would have its high bit set
    const response = await request({ method: 'GET', path: `/query?${query}` });

    expect(parseCgiResponse(response.stdout).body.toString()).toBe(query);
  });

  test('returns what the app wrote to wsgi.errors as stderr, apart from stdout', async () => {
    const response = await request({ method: 'GET', path: '/warn' });

    expect(response.stderr).toBe('warned from the app\n');
    expect(parseCgiResponse(response.stdout).body.toString()).toBe('warned\n');
  });

  test('rejects with a timeout message when the server accepts but never answers', async () => {
    const silent = await startTcpServer(() => {});
    try {
      const started = performance.now();
      await expect(
        sendFastcgiRequest({ host: '127.0.0.1', port: silent.port, params: {}, timeoutMs: 200 }),
      ).rejects.toThrow(`FastCGI request to 127.0.0.1:${silent.port} timed out after 200 ms`);
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await silent.stop();
    }
  });

  test('rejects clearly when the connection is refused', async () => {
    const closed = await startTcpServer(() => {});
    await closed.stop(); // the port is now free, so connecting is refused

    await expect(
      sendFastcgiRequest({ host: '127.0.0.1', port: closed.port, params: {}, timeoutMs: 2000 }),
    ).rejects.toThrow(`Cannot connect to FastCGI server at 127.0.0.1:${closed.port}: connection refused`);
  });

  test('rejects when the server closes the connection before END_REQUEST', async () => {
    const hangsUp = await startTcpServer((socket) => socket.end());
    try {
      await expect(
        sendFastcgiRequest({ host: '127.0.0.1', port: hangsUp.port, params: {}, timeoutMs: 2000 }),
      ).rejects.toThrow('closed the connection before END_REQUEST');
    } finally {
      await hangsUp.stop();
    }
  });

  test('rejects a server that answers with something other than FastCGI', async () => {
    const http = await startTcpServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    try {
      await expect(
        sendFastcgiRequest({ host: '127.0.0.1', port: http.port, params: {}, timeoutMs: 2000 }),
      ).rejects.toThrow(`FastCGI server at 127.0.0.1:${http.port} sent an invalid FastCGI record`);
    } finally {
      await http.stop();
    }
  });

  test('builds the CGI params a web server sends', () => {
    expect(buildCgiParams({ method: 'post', path: '/app.fcgi/a%20b?x=1&y=2', host: 'localhost', port: 8000, scriptName: '/app.fcgi', contentLength: 3, contentType: 'text/plain' })).toEqual({
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_SOFTWARE: 'proofpress',
      SERVER_PROTOCOL: 'HTTP/1.1',
      SERVER_NAME: 'localhost',
      SERVER_PORT: '8000',
      REQUEST_METHOD: 'POST',
      REQUEST_URI: '/app.fcgi/a%20b?x=1&y=2',
      SCRIPT_NAME: '/app.fcgi',
      PATH_INFO: '/a b',
      QUERY_STRING: 'x=1&y=2',
      REMOTE_ADDR: '127.0.0.1',
      HTTP_HOST: 'localhost:8000',
      CONTENT_LENGTH: '3',
      CONTENT_TYPE: 'text/plain',
    });
  });
});

// Feed an encoded byte stream to a fresh parser in chunks of `chunkSize` bytes, as TCP might deliver it.
function parseInChunks(bytes: Buffer, chunkSize: number): FastcgiRecord[] {
  const parse = createRecordParser();
  const records: FastcgiRecord[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    records.push(...parse(bytes.subarray(offset, offset + chunkSize)));
  }
  return records;
}

describe('runners/fastcgi/protocol', () => {
  test.each([
    // one-byte lengths: under 128 bytes
    ['empty name and value', { name: '', value: '', lengthBytes: 2 }],
    ['short name and value', { name: 'SERVER_PORT', value: '8000', lengthBytes: 2 }],
    ['value of 127 bytes', { name: 'A', value: 'v'.repeat(127), lengthBytes: 2 }],
    // four-byte lengths: 128 bytes or more, counted in bytes, not characters
    ['value of 128 bytes', { name: 'A', value: 'v'.repeat(128), lengthBytes: 1 + 4 }],
    ['name of 128 bytes', { name: 'N'.repeat(128), value: 'x', lengthBytes: 4 + 1 }],
    ['both 300 bytes', { name: 'N'.repeat(300), value: 'v'.repeat(300), lengthBytes: 4 + 4 }],
    ['64 two-byte characters (128 bytes)', { name: 'A', value: 'é'.repeat(64), lengthBytes: 1 + 4 }],
    // longer than one record: the PARAMS stream spans records
    ['value of 70000 bytes', { name: 'HTTP_COOKIE', value: 'c'.repeat(70_000), lengthBytes: 1 + 4 }],
  ] as const)('encodes a name-value pair with %s and reads it back', (_, { name, value, lengthBytes }) => {
    const encoded = encodeNameValuePairs({ [name]: value });
    expect(encoded.length).toBe(lengthBytes + Buffer.byteLength(name) + Buffer.byteLength(value));

    const records = parseInChunks(encodeStream({ type: RecordType.Params, requestId: 1, content: encoded }), 4093);
    expect(records.at(-1)?.content.length).toBe(0); // the empty record that ends the stream
    const content = Buffer.concat(records.map((record) => record.content));
    expect(decodeNameValuePairs(content)).toEqual([[name, value]]);
  });

  test.each([
    [0, 8],
    [1, 16],
    [8, 16],
    [9, 24],
    [65_535, 8 + 65_536],
  ])('pads a record with %i content bytes to %i bytes', (contentLength, recordLength) => {
    expect(encodeRecord({ type: RecordType.Stdin, requestId: 1, content: Buffer.alloc(contentLength) }).length).toBe(recordLength);
  });

  test('splits a stream into records of at most 65535 bytes and ends it with an empty record', () => {
    const records = parseInChunks(encodeStream({ type: RecordType.Stdin, requestId: 1, content: Buffer.alloc(65_535 * 2 + 1) }), 65_536);

    expect(records.map((record) => record.content.length)).toEqual([65_535, 65_535, 1, 0]);
  });

  test('parses records split across chunks at every byte', () => {
    const bytes = Buffer.concat([
      encodeRecord({ type: RecordType.Stdout, requestId: 1, content: Buffer.from('Status: 200 OK\r\n\r\nhi') }),
      encodeRecord({ type: RecordType.Stderr, requestId: 1, content: Buffer.from('oops') }),
    ]);

    expect(parseInChunks(bytes, 1)).toEqual([
      { type: RecordType.Stdout, requestId: 1, content: Buffer.from('Status: 200 OK\r\n\r\nhi') },
      { type: RecordType.Stderr, requestId: 1, content: Buffer.from('oops') },
    ]);
  });

  test('rejects bytes that are not FastCGI records', () => {
    expect(() => createRecordParser()(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toThrow('FastCGI record has version 72; expected 1');
  });
});

describe('runners/fastcgi/cgi-response', () => {
  test.each([
    // status
    ['defaults to 200 OK without Status', { raw: 'Content-Type: text/plain\r\n\r\nhi', status: 200, statusText: 'OK', headers: [['Content-Type', 'text/plain']], body: 'hi' }],
    ['reads code and text from Status', { raw: 'Status: 404 Not Found\r\nContent-Type: text/plain\r\n\r\nno', status: 404, statusText: 'Not Found', headers: [['Content-Type', 'text/plain']], body: 'no' }],
    ['fills in the text of a bare Status code', { raw: 'Status: 503\r\n\r\n', status: 503, statusText: 'Service Unavailable', headers: [], body: '' }],
    ['keeps a custom status text', { raw: 'status: 418 Short and stout\n\n', status: 418, statusText: 'Short and stout', headers: [], body: '' }],
    ['answers a Location without Status with 302', { raw: 'Location: http://example.com/a:b\r\n\r\n', status: 302, statusText: 'Found', headers: [['Location', 'http://example.com/a:b']], body: '' }],
    // line endings
    ['accepts bare LF line endings', { raw: 'Content-Type: text/plain\nX-A: 1\n\nhi\n', status: 200, statusText: 'OK', headers: [['Content-Type', 'text/plain'], ['X-A', '1']], body: 'hi\n' }],
    ['accepts mixed CRLF and LF', { raw: 'Content-Type: text/plain\r\n\nhi', status: 200, statusText: 'OK', headers: [['Content-Type', 'text/plain']], body: 'hi' }],
    // headers
    ['keeps repeated headers in order', { raw: 'Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n', status: 200, statusText: 'OK', headers: [['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']], body: '' }],
    ['trims spaces around values', { raw: 'X-Pad:   spaced  \r\n\r\n', status: 200, statusText: 'OK', headers: [['X-Pad', 'spaced']], body: '' }],
    // body
    ['leaves blank lines inside the body alone', { raw: 'Content-Type: text/plain\r\n\r\na\r\n\r\nb\n\nc', status: 200, statusText: 'OK', headers: [['Content-Type', 'text/plain']], body: 'a\r\n\r\nb\n\nc' }],
  ] as const)('%s', (_, { raw, status, statusText, headers, body }) => {
    const parsed = parseCgiResponse(Buffer.from(raw));

    expect({ status: parsed.status, statusText: parsed.statusText, headers: parsed.headers, body: parsed.body.toString() }).toEqual({ status, statusText, headers, body });
  });

  test.each([
    // no blank line after the headers
    ['empty output', { raw: '', message: 'Malformed CGI response: no blank line ends the headers' }],
    ['a body without headers', { raw: 'My Own Hello World!\n', message: 'Malformed CGI response: no blank line ends the headers' }],
    ['headers cut off', { raw: 'Content-Type: text/plain\r\n', message: 'Malformed CGI response: no blank line ends the headers' }],
    // bad header lines
    ['a header line without a colon', { raw: 'Content-Type text/plain\r\n\r\n', message: 'Malformed CGI response: header line without a name and colon' }],
    ['a Status without a 3-digit code', { raw: 'Status: OK\r\n\r\n', message: 'Malformed CGI response: Status field "OK" does not start with a 3-digit code' }],
  ] as const)('rejects %s', (_, { raw, message }) => {
    expect(() => parseCgiResponse(Buffer.from(raw))).toThrow(message);
  });
});
