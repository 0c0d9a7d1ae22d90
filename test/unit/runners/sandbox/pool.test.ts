// Tests the pool of warm sandboxes: slots are prepared after the current work, handed out by shape, skipped when dead, ended on drain.
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, test } from 'vitest';
import { createSandboxPool, type WarmSlot } from '../../../../src/runners/sandbox/pool.ts';
import { verifyAll } from '../../../../src/verify/run-all.ts';
import { examplesFromMarkdown } from '../../../helpers/examples.ts';
import { testRunContext } from '../../../helpers/run-context.ts';

interface FakeSlot extends WarmSlot {
  name: string;
  disposed: boolean;
  dead: boolean;
}

function slot(name: string): FakeSlot {
  const made: FakeSlot = { name, disposed: false, dead: false, alive: () => !made.dead, dispose: async () => void (made.disposed = true) };
  return made;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('runners/sandbox/pool', () => {
  test('prepares a slot on a later turn, never while the caller waits, and hands it out by shape', async () => {
    const pool = createSandboxPool<FakeSlot>(2);
    let prepared = 0;
    pool.refill('default', () => slot(`warm ${++prepared}`));
    expect(prepared).toBe(0);
    await nextTurn();
    expect(prepared).toBe(1);
    expect(pool.take('network')).toBeUndefined();
    expect(pool.take('default')?.name).toBe('warm 1');
    expect(pool.take('default')).toBeUndefined();
  });

  test('keeps at most `size` idle slots and skips (and disposes of) a slot whose supervisor died', async () => {
    const pool = createSandboxPool<FakeSlot>(1);
    const made: FakeSlot[] = [];
    for (let i = 0; i < 3; i++) pool.refill('default', () => made[made.push(slot(`s${i}`)) - 1]!);
    await nextTurn();
    expect(made).toHaveLength(1);
    made[0]!.dead = true;
    expect(pool.take('default')).toBeUndefined();
    expect(made[0]!.disposed).toBe(true);
  });

  test('drain disposes of every idle slot and prepares no more', async () => {
    const pool = createSandboxPool<FakeSlot>(2);
    const made: FakeSlot[] = [];
    pool.refill('a', () => made[made.push(slot('a')) - 1]!);
    pool.refill('b', () => made[made.push(slot('b')) - 1]!);
    await nextTurn();
    await pool.drain();
    expect(made.map((each) => each.disposed)).toEqual([true, true]);
    pool.refill('a', () => made[made.push(slot('late')) - 1]!);
    await nextTurn();
    expect(made).toHaveLength(2);
  });

  test('a run of examples leaves no warm sandbox behind: no supervisor, no folder', async () => {
    const ctx = await testRunContext();
    const block = '```python file=hello.py run=script expect="hello"\nprint("hello")\n```\n';
    const examples = examplesFromMarkdown([block, block, block].join('\n'));
    const folders = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`proofpress-${process.pid}-`) && !name.includes('-etc-'));
    const verifications = await verifyAll(examples, { ctx, concurrency: 2 });
    expect(verifications.map((verification) => verification.status)).toEqual(['passed', 'passed', 'passed']);
    expect(folders()).toEqual([]);
  });
});
