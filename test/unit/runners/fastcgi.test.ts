// Runs the WSGI article's server.fcgi as a web server would, through nginx and through the embedded FastCGI client.
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { loadSourceFiles } from '../../../src/content/load.ts';
import { toPost } from '../../../src/content/post.ts';
import { type Example, extractExamples } from '../../../src/examples/extract.ts';
import { createMarkdown } from '../../../src/markdown/create.ts';
import { parsePost } from '../../../src/markdown/parse.ts';
import { runExample } from '../../../src/runners/registry.ts';
import type { RunContext } from '../../../src/runners/types.ts';
import { checkRun } from '../../../src/verify/expect.ts';
import { fixturePath } from '../../helpers/project.ts';
import { testRunContext } from '../../helpers/run-context.ts';
import * as tools from '../../helpers/tools.ts';

// Every process a run starts, recorded through the one module that starts them, to prove none survives. That is
// each sandbox's first process (bubblewrap, or the supervisor without namespaces): the app and nginx are
// started inside it and end with it (the PID namespace, or the process group).
const started = vi.hoisted(() => [] as { pid: number; command: string }[]);
vi.mock('../../../src/runners/process.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/runners/process.ts')>();
  return {
    ...actual,
    startProcess: (options: Parameters<typeof actual.startProcess>[0]) => {
      const handle = actual.startProcess(options);
      started.push({ pid: handle.pid, command: options.command });
      return handle;
    },
  };
});

// The nginx the runner finds (the engine's findNginx, through the tests' one helper).
const nginx = await tools.nginx();
const FRONT_ENDS = [
  {
    frontEnd: 'nginx' as const,
    // vitest truncates $name at 40 characters: a skipped case carries its reason in each test's name (`because`).
    name: nginx.found ? `nginx ${nginx.found.version}` : 'nginx (not installed)',
    runtimeName: nginx.found ? `nginx ${nginx.found.version}` : '',
    skip: nginx.skip,
    because: nginx.because,
  },
  { frontEnd: 'embedded' as const, name: 'the embedded client', runtimeName: 'embedded FastCGI client (proofpress)', skip: false, because: '' },
];

let example: Example;
const contexts = new Map<string, RunContext>();

beforeAll(async () => {
  // The WSGI article as a Python 3 post of its own (a fixture: tests do not depend on what content/ holds).
  const site = fixturePath('sites', 'wsgi-python3');
  const [source] = (await loadSourceFiles(site, path.join(site, 'content'))).filter((file) => file.path.endsWith('hello-world-with-wsgi.md'));
  const { examples } = extractExamples(parsePost(createMarkdown(), toPost(source!)));
  example = examples.find((candidate) => candidate.spec.run === 'fastcgi')!;
  for (const { frontEnd } of FRONT_ENDS) contexts.set(frontEnd, await testRunContext({ timeoutMs: 15_000, fastcgiFrontEnd: frontEnd }));
  // No front end asked for: the config's default, as `npm run build` runs a project that names none.
  contexts.set('default', await testRunContext({ timeoutMs: 15_000 }));
});

beforeEach(() => {
  started.length = 0;
});

// The article's example with its myapplication.py replaced by `code`.
function withApplication(code: string): Example {
  return { ...example, companions: example.companions.map((file) => (file.name === 'myapplication.py' ? { ...file, code } : file)) };
}

function applicationCode(): string {
  return example.companions.find((file) => file.name === 'myapplication.py')!.code;
}

function expectNothingSurvives(): void {
  expect(started.length).toBeGreaterThan(0);
  for (const { pid, command } of started) {
    // Signal 0 only checks existence; -pid asks about the whole process group the run started.
    expect(() => process.kill(pid, 0), `${command} (pid ${pid}) survived the run`).toThrow();
    expect(() => process.kill(-pid, 0), `a process of ${command}'s group (${pid}) survived the run`).toThrow();
  }
}

describe('runners/fastcgi', () => {
  test('uses the article\'s own server.fcgi, shebang first, with fcgi.py and myapplication.py beside it', () => {
    expect(example.spec.file).toBe('server.fcgi');
    expect(example.code.startsWith('#!/usr/bin/env python\n')).toBe(true);
    expect(example.companions.map((file) => file.name)).toEqual(['myapplication.py', 'fcgi.py']);
  });

  describe.each(FRONT_ENDS)('through $name', ({ frontEnd, runtimeName, skip, because }) => {
    const ctx = (): RunContext => contexts.get(frontEnd)!;

    test.skipIf(skip)(`answers 200 with the article's text and names the front end in the record${because}`, async () => {
      const record = await runExample(example, ctx());

      expect(record.error).toBeUndefined();
      expect(record.http).toMatchObject({ status: 200, statusLine: 'HTTP/1.1 200 OK', body: 'My Own Hello World!\n' });
      expect(record.runtime.frontEnd).toBe(runtimeName);
      expect(record.runtime.components).toEqual({ flup: '1.0.3', ...(frontEnd === 'nginx' ? { nginx: nginx.found!.version } : {}) });
      expect(checkRun(example, record)).toMatchObject({ ok: true });
      // nginx runs inside the example's sandbox, started by its supervisor: what shows it answered is its Server header.
      const server = record.http?.headers.find(([name]) => name.toLowerCase() === 'server')?.[1];
      expect(server).toBe(frontEnd === 'nginx' ? `nginx/${nginx.found!.version}` : undefined);
      expectNothingSurvives();
    });

    test.skipIf(skip)(`fails the check when myapplication.py returns another text${because}`, async () => {
      const changed = withApplication(applicationCode().replace("b'My Own Hello World!\\n'", "b'Goodbye, World!\\n'"));
      const record = await runExample(changed, ctx());

      expect(record.http).toMatchObject({ status: 200, body: 'Goodbye, World!\n' });
      expect(checkRun(changed, record)).toMatchObject({ ok: false, failures: ['expected the HTTP body to contain "My Own Hello World!"'] });
      expectNothingSurvives();
    });

    test.skipIf(skip)(`runs server.fcgi byte for byte from the folder its companions are in${because}`, async () => {
      const record = await runExample(withApplication(readsOwnScript), ctx());

      expect(record.http?.body).toBe(example.code);
      expectNothingSurvives();
    });

    test.skipIf(skip)(`says the example exited when server.fcgi cannot import its application${because}`, async () => {
      const broken = { ...example, companions: example.companions.filter((file) => file.name !== 'myapplication.py') };
      const record = await runExample(broken, ctx());

      expect(record.error).toMatch(/^server\.fcgi exited \(code 1\) instead of serving the request\n/);
      expect(record.serverLog).toContain("ModuleNotFoundError: No module named 'myapplication'");
      expect(checkRun(broken, record).ok).toBe(false);
      expectNothingSurvives();
    });

    test.skipIf(skip)(`keeps what the app wrote to wsgi.errors in the server log${because}`, async () => {
      const record = await runExample(withApplication(warnsAndAnswers404), ctx());

      expect(record.http).toMatchObject({ status: 404, body: 'nope\n' });
      expect(record.serverLog).toContain(
        frontEnd === 'nginx'
          ? // nginx logs what the app wrote to stderr (as "FastCGI sent in stderr") on its own stderr
            '--- server.fcgi and nginx (stdout and stderr) ---\n'
          : '--- FastCGI stderr stream (wsgi.errors) ---\noops from the app\n',
      );
      expect(record.serverLog).toContain('oops from the app');
      expectNothingSurvives();
    });

    test.skipIf(skip)(`gives the app the address the reader visits, not the ports used inside the run${because}`, async () => {
      const record = await runExample(withApplication(echoesCgiAddress), ctx());

      expect(record.http?.body).toBe("HTTP_HOST='localhost:8000' SERVER_NAME='localhost' SERVER_PORT='8000' SCRIPT_NAME='' PATH_INFO='/'\n");
      expectNothingSurvives();
    });

    test.skipIf(skip)(`returns a timeout error and kills everything when the app never answers${because}`, async () => {
      const slow = { ...withApplication(sleepsForever), spec: { ...example.spec, timeoutMs: 1000 } };
      const before = performance.now();
      const record = await runExample(slow, ctx());

      expect(performance.now() - before).toBeLessThan(4000);
      // The request is what failed, so its exchange records why, and the check fails with that reason.
      expect(record.exchanges?.[0]?.error).toMatch(frontEnd === 'nginx' ? /^GET \/ on port 8000 failed: no HTTP response within/ : /^FastCGI request failed: .* timed out after/);
      expect(checkRun(slow, record).failures).toEqual([record.exchanges![0]!.error]);
      expectNothingSurvives();
    });
  });
});

// The default front end is nginx whenever nginx is installed: the kind of server the article tells readers to
// use, so a page says "front end: nginx" on every machine that has one. A chooser that never picked nginx for
// "auto" (and fell back to the embedded client) would pass every test above; this one names what answered.
describe('runners/fastcgi with the default front end (fastcgiFrontEnd "auto")', () => {
  test.skipIf(nginx.skip)(`runs the example behind the installed nginx, named with its version in the record${nginx.because}`, async () => {
    const ctx = contexts.get('default')!;
    expect(ctx.fastcgiFrontEnd ?? 'auto').toBe('auto');
    const record = await runExample(example, ctx);

    expect(record.error).toBeUndefined();
    expect(record.runtime.frontEnd).toBe(`nginx ${nginx.found!.version}`);
    expect(record.runtime.components).toEqual({ flup: '1.0.3', nginx: nginx.found!.version });
    expect(record.http?.headers.find(([name]) => name.toLowerCase() === 'server')?.[1]).toBe(`nginx/${nginx.found!.version}`);
    expect(checkRun(example, record)).toMatchObject({ ok: true });
    expectNothingSurvives();
  });
});

const readsOwnScript = `def app(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    with open('server.fcgi', 'rb') as script:
        return [script.read()]
`;

const warnsAndAnswers404 = `def app(environ, start_response):
    environ['wsgi.errors'].write('oops from the app\\n')
    start_response('404 Not Found', [('Content-Type', 'text/plain')])
    return [b'nope\\n']
`;

const echoesCgiAddress = `def app(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    names = ['HTTP_HOST', 'SERVER_NAME', 'SERVER_PORT', 'SCRIPT_NAME', 'PATH_INFO']
    return [(' '.join('%s=%r' % (name, environ[name]) for name in names) + '\\n').encode()]
`;

const sleepsForever = `import time
def app(environ, start_response):
    time.sleep(3600)
`;
