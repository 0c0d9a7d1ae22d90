import { describe, expect, test } from 'vitest';
import { createSerialBuilds } from '../../../src/dev/serial-builds.ts';

describe('dev/serial-builds', () => {
  test('runs one build at a time and gathers the changes that came meanwhile into one more', async () => {
    const builds: string[][] = [];
    let running = 0;
    let most = 0;
    let release!: () => void;
    const serial = createSerialBuilds(async (changes) => {
      builds.push(changes);
      most = Math.max(most, ++running);
      if (builds.length === 1) await new Promise<void>((resolve) => (release = resolve));
      running--;
    }, (error) => {
      throw error;
    });
    serial.request(['a.md']);
    serial.request(['b.md']);
    serial.request(['c.md', 'b.md']);
    release();
    await serial.idle();
    expect(builds).toEqual([['a.md'], ['b.md', 'c.md']]);
    expect(most).toBe(1);
  });

  test('a build that throws is reported and does not stop the builds after it', async () => {
    const builds: string[][] = [];
    const errors: unknown[] = [];
    let release!: () => void;
    const serial = createSerialBuilds(
      async (changes) => {
        builds.push(changes);
        if (changes[0] === 'bad.md') {
          await new Promise<void>((resolve) => (release = resolve));
          throw new Error('boom');
        }
      },
      (error) => errors.push(error),
    );
    serial.request(['bad.md']);
    serial.request(['good.md']);
    release();
    await serial.idle();
    expect(builds).toEqual([['bad.md'], ['good.md']]);
    expect(errors.map((error) => (error as Error).message)).toEqual(['boom']);
  });
});
