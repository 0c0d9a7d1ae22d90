// Issue "gateways beyond the seed's": SCGI and CGI examples verified behind a real nginx, as run=fastcgi is.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../src/build.ts';
import { ExamplesFailedError } from '../src/errors.ts';
import { renderNginxConfig } from '../src/runners/fastcgi/nginx-config.ts';
import { runExample } from '../src/runners/registry.ts';
import type { RunContext } from '../src/runners/types.ts';
import { examplesFromMarkdown } from './helpers/examples.ts';
import { tempSite } from './helpers/project.ts';
import { testRunContext } from './helpers/run-context.ts';
import * as tools from './helpers/tools.ts';

// The nginx and fcgiwrap the runners find; a skipped case carries its reason in its name.
const nginxTool = await tools.nginx();
const fcgiwrapTool = await tools.fcgiwrap();
const nginx = nginxTool.found;
const fcgiwrap = fcgiwrapTool.found;
// SCGI needs nginx; CGI needs nginx and fcgiwrap.
const BOTH = tools.allOf(nginxTool, fcgiwrapTool);

const HELLO_HTML = '<!DOCTYPE html>\n<html>\n<head>\n<title>Hello world</title>\n</head>\n<body>\n<h1>Hello world</h1>\n</body>\n</html>\n\n';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

/** Build a copy of the gateways fixture, after `edit` has changed its posts' text. */
async function buildGateways(options: { isolation?: 'process'; edit?: (file: string, text: string) => string } = {}): Promise<BuildResult> {
  const site = await tempSite('gateways', options.isolation ? { isolation: options.isolation } : {});
  cleanups.push(site.cleanup);
  for (const name of ['cgi-scripts.md', 'scgi-flup.md']) {
    const file = path.join(site.root, 'content', name);
    if (options.edit) await writeFile(file, options.edit(name, await readFile(file, 'utf8')));
  }
  return build(site.config, { write: false });
}

function byFile(result: BuildResult, file: string) {
  const verification = result.verifications.find((candidate) => candidate.label.startsWith(`${file} `));
  if (!verification) throw new Error(`no example ${file} in the build`);
  return verification;
}

describe('gateways: SCGI and CGI behind nginx', () => {
  test.skipIf(BOTH.skip)(`publishes flup's SCGI example and a book's two CGI scripts as verified${BOTH.because}`, async () => {
    const result = await buildGateways();

    const scgi = byFile(result, 'server.scgi');
    expect(scgi).toMatchObject({ status: 'passed', record: { http: { status: 200, statusLine: 'HTTP/1.1 200 OK', body: 'My Own Hello World!\n' } } });
    expect(scgi.record?.runtime).toMatchObject({
      interpreter: expect.stringMatching(/^Python 3\./),
      gateway: 'SCGI server server.scgi, started with python',
      frontEnd: `nginx ${nginx!.version}`,
      components: { flup: '1.0.3', nginx: nginx!.version },
    });
    // flup answered through nginx: its start-up line is in the log, nginx's name in the Server header.
    expect(scgi.record?.serverLog).toContain('WSGIServer starting up');
    expect(scgi.record?.http?.headers).toContainEqual(['Server', `nginx/${nginx!.version}`]);

    const hello = byFile(result, 'hello.py');
    expect(hello).toMatchObject({ status: 'passed', record: { http: { status: 200, body: HELLO_HTML } } });
    expect(hello.record?.http?.headers).toContainEqual(['Content-Type', 'text/html']);
    expect(hello.record?.runtime).toMatchObject({
      interpreter: expect.stringMatching(/^Python 3\./),
      gateway: 'CGI script hello.py, run per request by fcgiwrap',
      frontEnd: `nginx ${nginx!.version}`,
      components: { fcgiwrap: fcgiwrap!.version, nginx: nginx!.version },
    });

    // A CGI script sees the request's variables over the sandbox's allow-listed environment, nothing of the build's.
    const env = byFile(result, 'env.py');
    expect(env).toMatchObject({ status: 'passed' });
    const seen = env.record!.http!.body;
    for (const line of ['GATEWAY_INTERFACE : CGI/1.1', 'SERVER_NAME : localhost', 'SERVER_PORT : 8000', 'PATH_INFO : /', 'HTTP_HOST : localhost:8000']) expect(seen).toContain(`${line}\n`);
    expect(seen).toMatch(/^SCRIPT_FILENAME : \/example\/env\.py$/m);
    expect(seen).toMatch(/^PATH : \/opt\/(venv|python)\/bin:/m);
    expect(seen).not.toMatch(/^(PROOFPRESS_|VITEST|NODE_|npm_)/m);

    const page = (slug: string) => String(result.files.find((file) => file.path.endsWith(`/${slug}/index.html`))?.content);
    expect(page('scgi-flup')).toContain(`SCGI server server.scgi, started with python · front end: nginx ${nginx!.version} · flup 1.0.3`);
    expect(page('cgi-scripts')).toContain(`CGI script hello.py, run per request by fcgiwrap · front end: nginx ${nginx!.version} · fcgiwrap ${fcgiwrap!.version}`);
  });

  test.skipIf(BOTH.skip)(`fails each kind at its line with the crashed script's traceback${BOTH.because}`, async () => {
    const edit = (name: string, text: string) =>
      name === 'scgi-flup.md' ? text.replace('app = simple_app\n', 'app = simple_ap\n') : text.replace(".format('Hello world'))", '.format(hello_world))');
    const error = await buildGateways({ edit }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExamplesFailedError);
    const failures = (error as ExamplesFailedError).failures;
    expect(failures.map((failure) => [failure.location, failure.example])).toEqual([
      ['content/cgi-scripts.md:12', 'hello.py (run=cgi)'],
      ['content/scgi-flup.md:13', 'server.scgi (run=scgi)'],
    ]);
    // The script died before answering: nginx and fcgiwrap answered for it, and the message ends with its traceback.
    expect(failures[0]!.message).toMatch(
      /^Example failed: hello\.py gave no valid CGI response: nginx answered HTTP\/1\.1 502 Bad Gateway \(An error occurred while reading CGI reply \(no response received\)\)\nTraceback \(most recent call last\):\n {2}File "[^"]*\/hello\.py", line 56, in <module>\n[\s\S]*NameError: name 'hello_world' is not defined$/,
    );
    expect(failures[1]!.message).toMatch(
      /^Example failed: server\.scgi exited \(code 1\) before it listened on a port\nTraceback \(most recent call last\):\n[\s\S]*File "[^"]*\/myapplication\.py", line 8, in <module>\n[\s\S]*NameError: name 'simple_ap' is not defined\. Did you mean: 'simple_app'\?$/,
    );
  });

  test.skipIf(BOTH.skip)(`passes the same examples without namespaces, on ports the process layer chooses${BOTH.because}`, async () => {
    const result = await buildGateways({ isolation: 'process' });

    expect(result.verifications.filter((verification) => verification.status !== 'skipped').map((verification) => [verification.label, verification.status])).toEqual([
      ['hello.py (run=cgi)', 'passed'],
      ['env.py (run=cgi)', 'passed'],
      ['server.scgi (run=scgi)', 'passed'],
    ]);
    expect(byFile(result, 'server.scgi').record?.runtime.isolation).toMatch(/^process/);
    // fcgiwrap listens on a Unix socket in the run's scratch folder, next to the script's own folder.
    expect(byFile(result, 'env.py').record?.http?.body).toMatch(/^SCRIPT_FILENAME : \/.*\/files\/env\.py$/m);
  });
});

describe('runners/scgi and runners/cgi', () => {
  let ctx: RunContext;
  beforeAll(async () => {
    ctx = await testRunContext({ timeoutMs: 15_000 });
  });

  test.skipIf(nginxTool.skip)(`gives up at the example's time limit when the SCGI server never listens, naming it${nginxTool.because}`, async () => {
    const [example] = examplesFromMarkdown(['```python file=server.scgi run=scgi timeout=1s expect="hello"', 'import time', 'print("starting", flush=True)', 'time.sleep(600)', '```', ''].join('\n'));
    const before = performance.now();
    const record = await runExample(example!, ctx);

    expect(performance.now() - before).toBeLessThan(4000);
    expect(record.error).toBe("timed out: server.scgi did not listen within the example's time limit\nstarting");
  });

  test.skipIf(BOTH.skip)(`runs a WSGI app as CGI with wsgiref's CGIHandler, its environ naming the address the reader visits${BOTH.because}`, async () => {
    const [example] = examplesFromMarkdown(['```python file=app.cgi run=cgi path=/hello?x=1 expect="run_once=True"', '#!/usr/bin/env python', 'from wsgiref.handlers import CGIHandler', '', 'def app(environ, start_response):', "    start_response('200 OK', [('Content-Type', 'text/plain')])", "    names = ['SERVER_NAME', 'SERVER_PORT', 'SCRIPT_NAME', 'PATH_INFO', 'QUERY_STRING']", "    return [(' '.join('%s=%r' % (name, environ[name]) for name in names) + ' run_once=%s\\n' % environ['wsgi.run_once']).encode()]", '', 'CGIHandler().run(app)', '```', ''].join('\n'));
    const record = await runExample(example!, ctx);

    expect(record.error).toBeUndefined();
    expect(record.http).toMatchObject({ status: 200, body: "SERVER_NAME='localhost' SERVER_PORT='8000' SCRIPT_NAME='' PATH_INFO='/hello' QUERY_STRING='x=1' run_once=True\n" });
  });

  test('says a script without a #! line cannot be run by a web server, without starting anything', async () => {
    const [example] = examplesFromMarkdown(['```python file=hello.cgi run=cgi', 'print("Content-Type: text/plain\\n\\nhi")', '```', ''].join('\n'));
    const record = await runExample(example!, ctx);

    expect(record.error).toBe(fcgiwrap ? 'hello.cgi has no #! line: a web server runs a CGI script as a program, so its first line must name the interpreter (e.g. #!/usr/bin/env python3)' : expect.stringContaining('fcgiwrap is not installed'));
  });
});

describe('runners/fastcgi/nginx-config for the other gateways', () => {
  const base = { scratchDir: '/tmp', port: 40001, serverName: 'localhost', serverPort: 8000 };

  test('passes SCGI requests with scgi_pass and the CGI variables, leaving CONTENT_LENGTH to nginx', () => {
    const config = renderNginxConfig({ ...base, upstream: { protocol: 'scgi', address: '127.0.0.1:4000' } });

    expect(config).toMatch(/^# nginx in front of one SCGI example/);
    expect(config).toContain('            scgi_pass 127.0.0.1:4000;\n            scgi_param GATEWAY_INTERFACE CGI/1.1;\n');
    expect(config).toContain('            scgi_param PATH_INFO $uri;\n');
    expect(config).toContain('            scgi_param SERVER_PORT 8000;\n            scgi_param SCGI 1;\n');
    // The SCGI protocol wants CONTENT_LENGTH once and first, which nginx's module sends itself.
    expect(config).not.toContain('CONTENT_LENGTH');
    expect(config).not.toContain('fastcgi_p');
  });

  test("names the CGI script for fcgiwrap in SCRIPT_FILENAME, quoted", () => {
    const config = renderNginxConfig({ ...base, upstream: { protocol: 'fastcgi', address: 'unix:/tmp/fcgiwrap.sock', scriptFilename: '/example/my "app".cgi' } });

    expect(config).toMatch(/^# nginx in front of one CGI \(run by fcgiwrap\) example/);
    expect(config).toContain('            fastcgi_pass unix:/tmp/fcgiwrap.sock;\n');
    expect(config).toContain('            fastcgi_param SCRIPT_FILENAME "/example/my \\"app\\".cgi";\n');
  });
});
