// Runs real Python servers through the http runner: port isolation, allow-listed environment, clean kills.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runExample } from '../../../src/runners/registry.ts';
import type { RunContext } from '../../../src/runners/types.ts';
import { fixtureExample } from '../../helpers/examples.ts';
import { stillRunning } from '../../helpers/processes.ts';
import { projectPython } from '../../helpers/project.ts';

let ctx: RunContext;
let blocker: net.Server | undefined;


beforeAll(async () => {
  ctx = { python: await projectPython(), timeoutMs: 10_000 };
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
    const pids = records.map((record) => /pid=(\d+)/.exec(record.http?.body ?? '')?.[1]);
    expect(pids.every(Boolean)).toBe(true);
    expect(new Set(pids).size).toBe(5);
  });

  test('kills the server after the check: no process survives the run', async () => {
    const record = await runExample(await fixtureExample('binds_8000.py', 'run=http'), ctx);
    const pid = Number(/pid=(\d+)/.exec(record.http!.body)![1]);
    expect(await stillRunning(pid)).toBe(false);
  });

  test('kills forked children with their parent (the whole process group)', async () => {
    const record = await runExample(await fixtureExample('forking_server.py', 'run=http'), ctx);
    const [, parent, child] = /parent=(\d+) child=(\d+)/.exec(record.http!.body)!;
    expect(await stillRunning(Number(parent))).toBe(false);
    expect(await stillRunning(Number(child))).toBe(false);
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

  test('times out a server that never listens, and kills it', async () => {
    const started = Date.now();
    const record = await runExample(await fixtureExample('never_listens.py', 'run=http timeout=1500ms'), ctx);
    expect(record.error).toBe('timed out after 1500 ms');
    expect(Date.now() - started).toBeLessThan(6_000);
    const pid = Number(/started pid=(\d+)/.exec(record.serverLog)![1]);
    expect(await stillRunning(pid)).toBe(false);
  });

  test('reports a server that exits before listening, with the tail of its log', async () => {
    const record = await runExample(await fixtureExample('exits_early.py', 'run=http'), ctx);
    expect(record.error).toMatch(/^the server exited \(code 1\) before it listened on a port\n/);
    expect(record.error).toContain('no server today');
    expect(record.serverLog).toContain('about to fail');
  });
});
