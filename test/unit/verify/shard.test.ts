// Tests verify/shard: reading `--shard i/n`, dealing a site's runnable examples into disjoint, balanced shards,
// and what a shard refuses (writing a site, --filter).
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../../src/errors.ts';
import type { Example } from '../../../src/examples/extract.ts';
import { parseShard, selectExamples, shardSelection } from '../../../src/verify/shard.ts';

/** An example with only what selection reads: its id and whether it runs. */
function example(id: string, run: 'script' | 'none' = 'script'): Example {
  return { id, source: `content/${id.split('/')[0]}.md`, spec: { run } } as unknown as Example;
}

const site = Array.from({ length: 23 }, (_, index) => example(`post-${index % 5}/${String(index).padStart(2, '0')}-ex-py`));

describe('verify/shard parseShard', () => {
  test.each([
    ['1/1', { index: 1, count: 1 }],
    ['2/4', { index: 2, count: 4 }],
    [' 4/4 ', { index: 4, count: 4 }],
  ])('reads %j', (text, shard) => {
    expect(parseShard(text)).toEqual(shard);
  });

  test.each([
    // out of range
    ['3/2', '--shard 3/2: there is no shard 3 of 2 (shards count from 1 to 2)'],
    ['0/2', '--shard 0/2: there is no shard 0 of 2 (shards count from 1 to 2)'],
    ['1/0', '--shard 1/0: a site cannot be split into 0 shards'],
    // not i/n
    ['2', '--shard 2 is not of the form i/n'],
    ['1/2/3', '--shard 1/2/3 is not of the form i/n'],
    ['-1/2', '--shard -1/2 is not of the form i/n'],
    ['a/b', '--shard a/b is not of the form i/n'],
  ])('refuses %j, saying why and what a shard looks like', (text, message) => {
    expect(() => parseShard(text)).toThrow(ConfigError);
    expect(() => parseShard(text)).toThrow(message);
  });
});

describe('verify/shard shardSelection', () => {
  test.each([1, 2, 3, 4, 7, 23, 30])('splits 23 examples into %i disjoint shards that cover them all, sizes differing by at most one', (count) => {
    const shards = Array.from({ length: count }, (_, index) => site.filter(shardSelection(site, { index: index + 1, count }).runs).map(({ id }) => id));
    const all = shards.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(site.map(({ id }) => id).sort());
    const sizes = shards.map((shard) => shard.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  test('gives each example the same shard whatever the order the examples come in', () => {
    const shard = { index: 2, count: 3 };
    const forward = site.filter(shardSelection(site, shard).runs).map(({ id }) => id);
    const reversed = [...site].reverse();
    expect(reversed.filter(shardSelection(reversed, shard).runs).map(({ id }) => id).sort()).toEqual(forward.sort());
  });

  test('spreads one post over the shards rather than dealing posts out whole', () => {
    const ofPost = site.filter(({ id }) => id.startsWith('post-0/'));
    const shards = [1, 2].map((index) => shardSelection(site, { index, count: 2 }));
    expect(shards.every((shard) => ofPost.some(shard.runs))).toBe(true);
  });

  test('puts a block that does not run in no shard, and counts only runnable ones', () => {
    const withShownOnly = [...site, example('post-9/01-block-console', 'none')];
    const shards = [1, 2].map((index) => shardSelection(withShownOnly, { index, count: 2 }));
    expect(shards.some((shard) => shard.runs(withShownOnly.at(-1)!))).toBe(false);
    expect(shards.map((shard) => withShownOnly.filter(shard.runs).length).sort()).toEqual([11, 12]);
  });

  test('knows a verification by its example id, and names itself and the reason of the others', () => {
    const selection = shardSelection(site, { index: 1, count: 2 });
    const inShard = site.find(selection.runs)!;
    expect(selection.runs({ exampleId: inShard.id, source: inShard.source } as never)).toBe(true);
    expect(selection).toMatchObject({ name: 'shard 1/2', reason: 'not run: in another shard (this run verified shard 1/2)' });
  });
});

describe('verify/shard selectExamples', () => {
  test('selects everything without --filter or --shard', () => {
    expect(selectExamples(site, { write: true })).toBeUndefined();
  });

  test('refuses a shard that would write a site', () => {
    expect(() => selectExamples(site, { shard: { index: 1, count: 2 }, write: true })).toThrow('--shard 1/2 verifies part of the site, so it cannot write one');
  });

  test('refuses a shard with --filter', () => {
    const filter = { sources: new Set(['content/post-0.md']), runs: () => true, reason: 'filtered' };
    expect(() => selectExamples(site, { filter, query: 'post-0', shard: { index: 1, count: 2 }, write: false })).toThrow('--shard and --filter post-0 cannot be combined');
  });
});
