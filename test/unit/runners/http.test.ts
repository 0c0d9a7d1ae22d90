// Runs real Python servers through the http runner: port isolation, allow-listed environment, clean kills.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runExample } from '../../../src/runners/registry.ts';
import { createSandbox } from '../../../src/runners/sandbox.ts';
import type { RunContext } from '../../../src/runners/types.ts';
import { fixtureExample } from '../../helpers/examples.ts';
import { hostPidOf, namespacedPid, stillRunningIn } from '../../helpers/processes.ts';
import { testRunContext } from '../../helpers/run-context.ts';

let ctx: RunContext;
let blocker: net.Server | undefined;

// The example's pid as it printed it, in the pid namespace it printed (a sandbox's own, or the build's).
function answeringProcess(body: string | undefined, serverLog: string, pattern = /pid=(\d+)/) {
  const pid = pattern.exec(body ?? '')?.[1];
  if (!pid) throw new Error(`no pid in the response body: ${body}`);
  return namespacedPid(serverLog, Number(pid));
}

beforeAll(async () => {
  ctx = await testRunContext({ timeoutMs: 10_000 });
  // Occupy the article's port 8000 when we can: examples must still run. If something else already
  // listens there, that serves the same purpose.
  blocker = await new Promise((resolve) => {
    const server = net.createServer((socket) => socket.end('HTTP/1.0 418 Not the example\r\n\r\n'));
    server.once('error', () => resolve(undefined));
    server.listen(8000, '127.0.0.1', () => resolve(server));
  });
});

afterAll(() => new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve())));

describe('runners/http', () => {
  test('runs an example that binds port 8000 while something else listens on 8000', async () => {
    const record = await runExample(await fixtureExample('binds_8000.py', 'run=http'), ctx);
    expect(record.error).toBeUndefined();
    expect(record.http?.status).toBe(200);
    // The code sees the port it asked for, and the Host header the article tells readers to visit.
    expect(record.http?.body).toMatch(/^pid=\d+ port=8000 host=localhost:8000\n$/);
    expect(record.serverLog).toContain('Serving HTTP on port 8000...');
  });

  test('runs five copies of a port-8000 server at once, each answered by its own process', async () => {
    const example = await fixtureExample('binds_8000.py', 'run=http');
    const records = await Promise.all(Array.from({ length: 5 }, () => runExample(example, ctx)));
    expect(records.map((record) => record.http?.body)).toEqual(Array(5).fill(expect.stringMatching(/^pid=\d+ port=8000 host=localhost:8000\n$/)));
    // Sandboxes with pid namespaces all number their server alike; the namespace tells the processes apart.
    const processes = records.map((record) => answeringProcess(record.http?.body, record.serverLog));
    expect(new Set(processes.map(({ namespace, pid }) => `${namespace} ${pid}`)).size).toBe(5);
  });

  test('finds a running example by the pid namespace and pid it prints (the control for the kill checks below)', async () => {
    const example = await fixtureExample('never_listens.py', 'run=script exit=0');
    const sandbox = await createSandbox(example, ctx.sandbox, example.spec.file!);
    const run = sandbox.start([sandbox.python, sandbox.fileName]);
    try {
      const deadline = Date.now() + 10_000;
      while (!/^pid namespace /m.test(run.log()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const started = namespacedPid(run.log(), Number(/started pid=(\d+)/.exec(run.log())![1]));
      expect(hostPidOf(started)).toEqual(expect.any(Number));
      await run.kill();
      expect(await stillRunningIn(started)).toBe(false);
    } finally {
      await run.kill();
      await sandbox.dispose();
    }
  });

  test('kills the server after the check: no process survives the run', async () => {
    const record = await runExample(await fixtureExample('binds_8000.py', 'run=http'), ctx);
    expect(await stillRunningIn(answeringProcess(record.http?.body, record.serverLog))).toBe(false);
  });

  test('kills forked children with their parent (the whole process group or PID namespace)', async () => {
    const record = await runExample(await fixtureExample('forking_server.py', 'run=http'), ctx);
    const parent = answeringProcess(record.http?.body, record.serverLog, /parent=(\d+)/);
    const child = answeringProcess(record.http?.body, record.serverLog, /child=(\d+)/);
    expect(await stillRunningIn(parent)).toBe(false);
    expect(await stillRunningIn(child)).toBe(false);
  });

  test('never passes the build environment to the example', async () => {
    process.env.PROOFPRESS_TEST_SECRET = 'hunter2-do-not-publish';
    process.env.AWS_SECRET_ACCESS_KEY = 'AKIA-test-secret-value';
    try {
      const record = await runExample(await fixtureExample('prints_env.py', 'run=http expect="Hello world!"'), ctx);
      expect(record.http?.body).toContain('Hello world!');
      expect(record.http?.body).toContain("PYTHONUNBUFFERED = '1'");
      expect(record.http?.body).not.toContain('hunter2-do-not-publish');
      expect(record.http?.body).not.toContain('AKIA-test-secret-value');
      expect(record.http?.body).not.toContain('AWS_SECRET_ACCESS_KEY');
    } finally {
      delete process.env.PROOFPRESS_TEST_SECRET;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });

  test('says so when a server listened but never answered', async () => {
    const record = await runExample(await fixtureExample('listens_silently.py', 'run=http timeout=1500ms'), ctx);
    expect(record.error).toMatch(/^timed out after 1500 ms: the server listened on port 8000 but did not answer/);
  });

  test('times out a server that never listens, and kills it', async () => {
    const started = Date.now();
    const record = await runExample(await fixtureExample('never_listens.py', 'run=http timeout=1500ms'), ctx);
    expect(record.error).toMatch(/^timed out after 1500 ms: the server never listened on a port(\n|$)/);
    expect(Date.now() - started).toBeLessThan(6_000);
    const server = namespacedPid(record.serverLog, Number(/started pid=(\d+)/.exec(record.serverLog)![1]));
    expect(await stillRunningIn(server)).toBe(false);
  });

  test('reports a server that exits before listening, with the tail of its log', async () => {
    const record = await runExample(await fixtureExample('exits_early.py', 'run=http'), ctx);
    expect(record.error).toMatch(/^the server exited \(code 1\) before it listened on a port\n/);
    expect(record.error).toContain('no server today');
    expect(record.serverLog).toContain('about to fail');
  });
});
