// Tests util/process-alive against real processes: running, ended, and a zombie that nobody reaps.
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { isProcessAlive } from '../../../src/util/process-alive.ts';

describe('util/process-alive', () => {
  test('is true for this process and for pid 1', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(1)).toBe(true);
  });

  test('is false for a process that ended, and for pids that cannot name one', async () => {
    const child = execa(process.execPath, ['-e', '']);
    await child;
    expect(isProcessAlive(child.pid!)).toBe(false);
    for (const pid of [0, -1, 1.5, Number.NaN]) expect(isProcessAlive(pid)).toBe(false);
  });

  test('is false for a zombie: an ended process whose parent never reaps it (as under an init that does not)', async () => {
    // `sleep 0` ends at once; its parent then becomes `sleep 30`, which never waits for children.
    const parent = execa('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { reject: false });
    try {
      const zombie = await new Promise<number>((resolve) => parent.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(() => process.kill(zombie, 0)).not.toThrow(); // signal 0 alone would call it alive
      expect(isProcessAlive(zombie)).toBe(false);
    } finally {
      parent.kill('SIGKILL');
      await parent;
    }
  });
});
