// Runs real Python programs through the script and wsgi runners.
import { beforeAll, describe, expect, test } from 'vitest';
import { runExample } from '../../../src/runners/registry.ts';
import type { RunContext } from '../../../src/runners/types.ts';
import { examplesFromMarkdown, fixtureExample } from '../../helpers/examples.ts';
import { testRunContext } from '../../helpers/run-context.ts';

let ctx: RunContext;
beforeAll(async () => {
  ctx = await testRunContext({ timeoutMs: 10_000 });
});

describe('runners/script', () => {
  test('captures standard output and the exit code', async () => {
    const record = await runExample(await fixtureExample('prints_hello.py', 'run=script exit=0'), ctx);
    expect(record).toMatchObject({ stdout: 'hello from a script\nsecond line\n', exitCode: 0 });
  });

  test('records a non-zero exit code', async () => {
    const record = await runExample(await fixtureExample('exits_early.py', 'run=script exit=0'), ctx);
    expect(record.exitCode).toBe(1);
    expect(record.serverLog).toContain('no server today');
  });

  test('times out a program that runs forever', async () => {
    const record = await runExample(await fixtureExample('never_listens.py', 'run=script exit=0 timeout=800ms'), ctx);
    // Which phase stopped, and what the program had printed by then.
    expect(record.error).toMatch(/^timed out after 800 ms: the script did not exit\nstarted pid=\d+\npid namespace pid:\[\d+\]$/);
  });
});

describe('runners/wsgi', () => {
  const post = [
    '```python file=myapp.py run=wsgi app=application path=/hello',
    'def application(environ, start_response):',
    "    start_response('200 OK', [('Content-Type', 'text/plain')])",
    "    return [('path=' + environ['PATH_INFO']).encode()]",
    '```',
    '',
    '```python file=broken.py run=wsgi app=missing',
    'application = None',
    '```',
  ].join('\n');

  test('hosts the named callable and requests the declared path', async () => {
    const [example] = examplesFromMarkdown(post);
    const record = await runExample(example!, ctx);
    expect(record.http).toMatchObject({ status: 200, body: 'path=/hello' });
    expect(record.runtime.gateway).toContain('myapp.application');
  });

  test('explains a missing callable', async () => {
    const [, example] = examplesFromMarkdown(post);
    const record = await runExample(example!, ctx);
    expect(record.error).toContain("module 'broken' has no attribute 'missing' (app=missing)");
  });
});
