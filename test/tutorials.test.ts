// Real public tutorials, transcribed byte for byte (test/fixtures/sites/tutorials/, each post names its
// `source:`), verified in the sandbox: console sessions with servers, several HTTP exchanges, sessions that
// grow one program, doctests, output blocks with wildcards. A second fixture (tutorials-broken) holds
// results that do not hold, and must fail naming the post's file and line and the command or request.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../src/build.ts';
import { ExamplesFailedError } from '../src/errors.ts';
import type { Verification } from '../src/verify/types.ts';
import { tempSite } from './helpers/project.ts';
import * as tools from './helpers/tools.ts';

// The posts' `requirements:` (Flask, FastAPI, Uvicorn) are installed by proofpress itself into a managed
// venv, as `npm run build` does; it lives outside the temp sites so a second run reuses it (its stamp
// file records what it holds).
const venvDir = path.join(tmpdir(), 'proofpress-test-venv-tutorials');
// pip fetches them from PyPI (or whatever index pip is configured with): without it the real tutorials are skipped, saying why.
const pypi = await tools.pypi();
// `warn`: a failure is returned with the others (and listed by the first test) rather than thrown.
const site = await tempSite('tutorials', { pythonOverride: undefined, venvDir, concurrency: 2, onExampleFailure: 'warn' });
const broken = await tempSite('tutorials-broken', { concurrency: 2 });
afterAll(async () => {
  await site.cleanup();
  await broken.cleanup();
});

let result: BuildResult;
beforeAll(async () => {
  if (pypi.skip) return;
  result = await build(site.config, { write: false });
  printDurations(result.verifications);
}, 600_000);

/** The verifications of one post that run, in the order of the post. */
function blocks(file: string): Verification[] {
  return result.verifications
    .filter((verification) => verification.source === `content/${file}` && verification.status !== 'skipped')
    .sort((a, b) => a.line - b.line);
}

function printDurations(verifications: Verification[]): void {
  const rows = [...verifications]
    .filter((verification) => verification.record)
    .sort((a, b) => a.source.localeCompare(b.source) || a.line - b.line)
    .map((verification) => `${`${verification.source}:${verification.line}`.padEnd(44)} ${verification.label.padEnd(34)} ${verification.status.padEnd(7)} ${String(verification.record!.durationMs).padStart(6)} ms`);
  console.log(['example'.padEnd(44), 'label'.padEnd(34), 'status ', 'duration'].join(' ') + '\n' + rows.join('\n'));
}

describe.skipIf(pypi.skip)(`real tutorials, byte for byte${pypi.because}`, () => {
  test('every example that runs passes', () => {
    const ran = result.verifications.filter((verification) => verification.status !== 'skipped');
    const failed = ran.filter((verification) => verification.status !== 'passed');
    expect(failed.map((v) => `${v.source}:${v.line} ${v.label}: ${v.failures.join('; ')}\n${v.diff ?? ''}`)).toEqual([]);
    expect(ran).toHaveLength(22);
  });

  test('http.server: a command that listens is a server, checked with requests on its port', () => {
    const [withPort, bound] = blocks('python-http-server.md');
    expect(withPort!.record?.commands?.[0]).toMatchObject({ command: 'python -m http.server 9000', server: { port: 9000 } });
    expect(withPort!.record?.exchanges?.[0]?.response?.status).toBe(200);
    expect(withPort!.record?.exchanges?.[0]?.response?.body).toContain('<title>Directory listing for /</title>');
    expect(bound!.record?.commands?.[0]?.server?.port).toBe(8000);
    expect(bound!.record?.exchanges?.[0]).toMatchObject({ request: { path: '/nothing-here.txt', port: 8000 }, response: { status: 404 } });
  });

  test('Flask quickstart: `flask --app hello run` is a server, requested on the port it prints', () => {
    const [, flaskRun] = blocks('flask-quickstart.md');
    expect(flaskRun!.record?.commands?.[0]).toMatchObject({ command: 'flask --app hello run', server: { port: 5000 } });
    expect(flaskRun!.record?.commands?.[0]?.output).toContain(" * Serving Flask app 'hello'\n");
    expect(flaskRun!.record?.exchanges?.[0]).toMatchObject({ request: { port: 5000 }, response: { status: 200, body: '<p>Hello, World!</p>' } });
  });

  test('Flask quickstart: one app grown over a session, checked with several exchanges (a 404, a POST)', () => {
    const [minimal, , escaping, rules, unique, urls] = blocks('flask-quickstart.md');
    expect(minimal!.record?.exchanges?.[0]?.response?.body).toBe('<p>Hello, World!</p>');
    expect(escaping!.record?.exchanges?.[1]?.response?.body).toBe('Hello, &lt;script&gt;alert(&#34;bad&#34;)&lt;/script&gt;!');
    const statuses = (verification: Verification | undefined) => verification?.record?.exchanges?.map((exchange) => `${exchange.request.method} ${exchange.request.path} ${exchange.response?.status}`);
    expect(statuses(rules)).toEqual(['GET /user/ada 200', 'GET /post/42 200', 'GET /post/forty-two 404', 'GET /path/a/b/c 200', 'POST /post/42 405']);
    expect(statuses(unique)).toEqual(['GET /projects 308', 'GET /projects/ 200', 'GET /about/ 404', 'GET /about 200']);
    // The last block runs as the whole program so far (every route above, then url_for's prints).
    expect(urls!.record?.stdout).toBe('/\n/login\n/login?next=/\n/user/John%20Doe\n');
  });

  test('argparse: command lines with arguments, usage errors ending with status 2', () => {
    const [positional, combined] = blocks('argparse-tutorial.md');
    expect(positional!.record?.commands?.map((command) => [command.command, command.exitCode])).toEqual([
      ['python prog.py', 2],
      ['python prog.py --help', 0],
      ['python prog.py foo', 0],
    ]);
    expect(positional!.record?.commands?.[0]?.output).toContain('prog.py: error: the following arguments are required: echo');
    expect(combined!.record?.commands?.[2]?.output).toBe('the square of 4 equals 16\n');
  });

  test('socket: the echo server keeps running while the client talks to it', () => {
    const [session] = blocks('socket-echo.md');
    const [server, edit, client] = session!.record!.commands!;
    expect(server).toMatchObject({ command: 'python server.py', server: { port: 50007 } });
    expect(edit!.exitCode).toBe(0);
    expect(client).toMatchObject({ command: 'python client.py', exitCode: 0, output: "Received b'Hello, world'\n" });
  });

  test('json.tool: standard input through a pipe, and the exit status of invalid input', () => {
    const [session] = blocks('json-tool.md');
    const [valid, invalid] = session!.record!.commands!;
    expect(valid).toMatchObject({ exitCode: 0, output: '{\n    "json": "obj"\n}\n' });
    expect(invalid).toMatchObject({ exitCode: 1, output: 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)\n' });
  });

  test('doctests: the json module and the tutorial\'s Fibonacci series, statement by statement', () => {
    const json = blocks('json-doctest.md');
    expect(json).toHaveLength(6);
    expect(json[0]!.checked).toContain('10 statements of the session (doctest)');
    const [fibonacci] = blocks('fibonacci.md');
    expect(fibonacci!.checked).toContain('2 statements of the session (doctest)');
    expect(fibonacci!.record?.stdout).toContain('Expecting:\n    0\n    1\n    1\n    2\n    3\n    5\n    8\nok\n');
  });

  test('FastAPI first steps: uvicorn as a server, a JSON body compared as JSON', () => {
    const [session] = blocks('fastapi-first-steps.md');
    expect(session!.record?.commands?.[0]).toMatchObject({ command: 'uvicorn main:app', server: { port: 8000 } });
    expect(session!.record?.commands?.[0]?.output).toContain('Uvicorn running on http://127.0.0.1:8000');
    expect(JSON.parse(session!.record!.exchanges![0]!.response!.body)).toEqual({ message: 'Hello World' });
    expect(session!.record?.exchanges?.[1]?.response?.status).toBe(200);
  });

  test('asyncio: a script whose output block has wildcards for the clock', () => {
    const [script] = blocks('asyncio-coroutines.md');
    expect(script!.record?.stdout).toMatch(/^started at \d\d:\d\d:\d\d\nhello\nworld\nfinished at \d\d:\d\d:\d\d\n$/);
    expect(script!.checked).toContain('standard output matches the output shown (with wildcards)');
    expect(script!.record!.durationMs).toBeGreaterThanOrEqual(3000);
  });
});

describe('tutorials whose shown results do not hold', () => {
  test('fail the build, naming the post file and line and the failing command or request', async () => {
    const error = await build(broken.config, { write: false }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ExamplesFailedError);
    const failures = (error as ExamplesFailedError).failures;
    expect(failures.map((failure) => failure.location)).toEqual(['content/broken.md:27', 'content/broken.md:57']);
    const [argparse, server] = failures;
    // The argparse tutorial's help text says "display a square", its code "display the square".
    expect(argparse!.message).toContain('`$ python prog.py 4 -h` (line 40)');
    expect(argparse!.details.join('\n')).toContain(`- ${'  square           display a square of a given number'}`);
    expect(argparse!.details.join('\n')).toContain(`+ ${'  square           display the square of a given number'}`);
    expect(server!.message).toContain('GET / (line 70): expected HTTP status 404, got HTTP/1.0 200 OK');
  }, 120_000);
});
