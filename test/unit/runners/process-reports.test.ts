// Tests the report channel of runners/process (fd 3) against real Python processes: bounded memory under a
// flood, long lines skipped, a capped number of reports kept, and reports still arriving afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type ProcessHandle, startProcess, withDeadline } from '../../../src/runners/process.ts';
import { REPO_ROOT } from '../../helpers/project.ts';

const PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
const MiB = 1024 * 1024;

// A real collection, to measure what the channel keeps rather than garbage waiting for the collector.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let cwd: string;
const handles: ProcessHandle[] = [];
beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'proofpress-reports-'));
});
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.kill();
  await rm(cwd, { recursive: true, force: true });
});

/** Run Python `code` with `out`, a buffered writer on the report descriptor; it sleeps afterwards until killed. */
function python(code: string, args: string[] = []): ProcessHandle {
  const script = `import sys, time\nout = open(3, 'wb')\n${code}\nout.flush()\ntime.sleep(60)\n`;
  const handle = startProcess({ command: PYTHON, args: ['-c', script, ...args], cwd, env: { PATH: '/usr/bin:/bin' } });
  handles.push(handle);
  return handle;
}

/** heapUsed + arrayBuffers now, in bytes. */
function memory(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** memory() once the collector has run (twice: freed buffers are released after a turn of the event loop). */
async function settledMemory(): Promise<number> {
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 50));
  collectGarbage();
  return memory();
}

describe('runners/process reports', () => {
  test('a 512 MiB line without a newline keeps memory bounded, and the reports after it still arrive', async () => {
    const before = await settledMemory();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, memory())), 5);
    const handle = python(
      [
        'out.write(b\'{"event":"before"}\\n\')',
        "block = b'x' * (1 << 20)",
        'for _ in range(int(sys.argv[1])): out.write(block)',
        'out.write(b\'\\n{"event":"ready","after":"the flood"}\\n\')',
      ].join('\n'),
      ['512'],
    );
    const ready = await withDeadline(handle.waitForReport('ready'), 30_000);
    clearInterval(sampler);
    const kept = (await settledMemory()) - before;

    expect(ready).toEqual({ event: 'ready', after: 'the flood' });
    expect(handle.reports('before')).toEqual([{ event: 'before' }]);
    // Peak: chunks in flight and garbage not yet collected, not the flood; kept: nothing of it.
    expect(peak - before).toBeLessThan(64 * MiB);
    expect(kept).toBeLessThan(4 * MiB);
  });

  test('skips a line longer than 64 KiB, keeps one just under it and the lines after', async () => {
    const handle = python(
      [
        'out.write(b\'{"event":"big","pad":"\' + b"x" * (100 * 1024) + b\'"}\\n\')',
        'out.write(b\'{"event":"fits","pad":"\' + b"x" * (60 * 1024) + b\'"}\\n\')',
        'out.write(b\'{"event":"after"}\\n\')',
      ].join('\n'),
    );
    expect(await withDeadline(handle.waitForReport('after'), 10_000)).toEqual({ event: 'after' });
    expect(handle.reports('big')).toEqual([]);
    expect(handle.reports('fits').map((report) => (report.pad as string).length)).toEqual([60 * 1024]);
  });

  test('reads a character split between two writes whole', async () => {
    const handle = python(
      [
        'line = \'{"event":"text","text":"café ☕"}\\n\'.encode()',
        'split = line.index("é".encode()) + 1',
        'out.write(line[:split]); out.flush(); time.sleep(0.2)',
        'out.write(line[split:])',
      ].join('\n'),
    );
    expect(await withDeadline(handle.waitForReport('text'), 10_000)).toEqual({ event: 'text', text: 'café ☕' });
  });

  test('keeps the first 10,000 reports, and still hands a later one to whoever waits for it', async () => {
    const handle = python(['for i in range(20_000): out.write(b\'{"event":"tick","i":%d}\\n\' % i)', 'out.write(b\'{"event":"done"}\\n\')'].join('\n'));
    const done = handle.waitForReport('done');
    expect(await withDeadline(done, 10_000)).toEqual({ event: 'done' });
    const ticks = handle.reports('tick');
    expect(ticks).toHaveLength(10_000);
    expect([ticks[0]?.i, ticks.at(-1)?.i]).toEqual([0, 9_999]);
  });
});
