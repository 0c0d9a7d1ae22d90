// proofpress's Python helpers that run inside the example's own interpreter (WSGI host, FastCGI launcher, port shim), run for real on Python 2.7 and 3.6.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as tools from '../../helpers/tools.ts';

const HELPERS = fileURLToPath(new URL('../../../src/runners/python/', import.meta.url));
// The oldest interpreters the helpers promise to run on (README), found as a build finds them (CI: pyenv's).
const PYTHONS = await Promise.all(['2.7', '3.6'].map(async (version) => ({ version, tool: await tools.python(version) })));

const APP = `def simple_app(environ, start_response):
    start_response('200 OK', [('Content-type', 'text/plain')])
    return [b'Hello from ' + environ['SERVER_PORT'].encode('ascii') + b'\\n']
`;
// Run by the launcher in place of a FastCGI server: says whether fd 0 is a listening socket, then exits.
const FD0_PROBE = `import socket
listener = socket.fromfd(0, socket.AF_INET, socket.SOCK_STREAM)
print("fd 0 accepts connections: %d" % listener.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN))
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'proofpress-helpers-'));
  await writeFile(path.join(dir, 'app.py'), APP);
  await writeFile(path.join(dir, 'fd0_probe.py'), FD0_PROBE);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const OPTIONS = {
  env: { PATH: '/usr/bin:/bin', PYTHONPATH: path.join(HELPERS, 'site'), PYTHONDONTWRITEBYTECODE: '1' },
  extendEnv: false,
  stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  reject: false,
  timeout: 20_000,
} as const;
type Helper = ResultPromise<typeof OPTIONS & { cwd: string }>;

/** Start a helper with the port shim on PYTHONPATH and fd 3 as its report pipe, as the process layer does. */
function startHelper(python: string, args: string[]): Helper {
  return execa(python, [path.join(HELPERS, args[0]!), ...args.slice(1)], { ...OPTIONS, cwd: dir });
}

/** The port shim's first `listening` report on fd 3. */
function firstReport(child: Helper): Promise<{ port: number; asked_port: number }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const reports = child.stdio[3];
    reports.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(JSON.parse(text.split('\n')[0]!) as { port: number; asked_port: number });
    });
    void child.then((result) => reject(new Error(`exited before listening: ${String(result.stderr)}`)));
  });
}

function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/' }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

describe.each(PYTHONS)('runners/python helpers on Python $version', ({ tool }) => {
  const python = tool.found?.executable ?? '';
  const skip = tool.skip;
  const because = tool.because;

  test.skipIf(skip)(`wsgi_host.py serves the module callable; the port shim moves its bind and reports it${because}`, async () => {
    const host = startHelper(python, ['wsgi_host.py', 'app', 'simple_app']);
    try {
      const listening = await firstReport(host);
      expect(listening.asked_port).toBe(8000);
      expect(listening.port).not.toBe(8000);
      // getsockname() keeps answering the port asked for, so the app sees the article's port.
      expect(await get(listening.port)).toBe('Hello from 8000\n');
    } finally {
      host.kill('SIGKILL');
    }
    expect(String((await host).stdout)).toContain('proofpress: hosting app.simple_app with wsgiref');
  });

  test.skipIf(skip)(`wsgi_host.py names a missing callable${because}`, async () => {
    const result = await startHelper(python, ['wsgi_host.py', 'app', 'nope']);
    expect(result.exitCode).toBe(1);
    expect(String(result.stderr)).toMatch(/proofpress: module u?'app' has no attribute u?'nope' \(app=nope\)/);
  });

  test.skipIf(skip)(`fcgi_launcher.py execs the script with a listening socket on fd 0${because}`, async () => {
    const launcher = startHelper(python, ['fcgi_launcher.py', '0', 'fd0_probe.py']);
    const listening = await firstReport(launcher);
    expect(listening.asked_port).toBe(0);
    const result = await launcher;
    expect(result.exitCode).toBe(0);
    expect(String(result.stdout)).toContain(`proofpress: launching ${python} ./fd0_probe.py with a FastCGI listening socket on fd 0`);
    expect(String(result.stdout)).toContain('fd 0 accepts connections: 1');
  });
});
