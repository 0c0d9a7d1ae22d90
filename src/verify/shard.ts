// Stage 5a: which examples a run verifies: `--filter <post>`'s, or `--shard i/n`'s share of the site's, for CI jobs in parallel.
import { createHash } from 'node:crypto';
import type { PostFilter } from '../content/select-posts.ts';
import { ConfigError } from '../errors.ts';
import type { Example } from '../examples/extract.ts';
import type { Verification } from './types.ts';
import { skipReason } from './verify-one.ts';

/** Part `index` (from 1) of `count`, as `--shard 2/4` writes it. */
export interface Shard {
  index: number;
  count: number;
}

/** The examples a run verifies. The others reuse a cached pass, as a full warm build would, else are not run with `reason`. */
export interface ExampleSelection {
  /** How progress names it: `--filter first`, `shard 2/4`. */
  name: string;
  /** Whether the example (or its verification) is one this run verifies. */
  runs: (item: Example | Verification) => boolean;
  reason: string;
}

const SHARD_HINT = 'Give i/n with 1 ≤ i ≤ n, one per CI job: --shard 1/4, 2/4, 3/4 and 4/4 together verify every example.';

/** Read `--shard i/n`; anything else is a ConfigError saying what a shard looks like. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new ConfigError(`--shard ${text} is not of the form i/n`, { hint: SHARD_HINT });
  const [index, count] = [Number(match[1]), Number(match[2])];
  if (count < 1) throw new ConfigError(`--shard ${text}: a site cannot be split into ${count} shards`, { hint: SHARD_HINT });
  if (index < 1 || index > count) throw new ConfigError(`--shard ${text}: there is no shard ${index} of ${count} (shards count from 1 to ${count})`, { hint: SHARD_HINT });
  return { index, count };
}

/**
 * The examples of shard `index` of `count`. Only examples that run are dealt out (a block shown only
 * belongs to no shard). They are sorted by a hash of their id and dealt out in turn, so every shard gets the
 * same number, give or take one: hash ranges (`hash mod n`) leave a small site's shards lopsided. The id
 * (post slug, block number and name) reads the same on every machine, so n jobs agree without talking, and
 * the hash spreads one post's examples (often alike in cost: a post of Go builds) over every shard.
 */
export function shardSelection(examples: Example[], shard: Shard): ExampleSelection {
  const ranked = examples
    .filter((example) => skipReason(example) === undefined)
    .map((example) => ({ id: example.id, hash: createHash('sha256').update(example.id).digest('hex') }))
    .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  const ids = new Set(ranked.filter((_, rank) => rank % shard.count === shard.index - 1).map(({ id }) => id));
  const name = `shard ${shard.index}/${shard.count}`;
  return {
    name,
    runs: (item) => ids.has('exampleId' in item ? item.exampleId : item.id),
    reason: `not run: in another shard (this run verified ${name})`,
  };
}

/**
 * What `--filter <query>` or `--shard` leaves to run; undefined runs everything. A shard is part of a site,
 * so it writes none (the site is built once every shard's cache is gathered), and it splits the whole
 * site, so it does not combine with --filter.
 */
export function selectExamples(examples: Example[], options: { filter?: PostFilter; query?: string; shard?: Shard; write: boolean }): ExampleSelection | undefined {
  const { filter, query, shard } = options;
  if (!shard) return filter && { name: `--filter ${query}`, runs: filter.runs, reason: filter.reason };
  if (options.write) {
    throw new ConfigError(`--shard ${shard.index}/${shard.count} verifies part of the site, so it cannot write one`, {
      hint: 'Run `proofpress check --shard i/n` in each CI job, then `proofpress build` once with every job\'s .proofpress-cache/ gathered: each example is then a cache hit.',
    });
  }
  if (filter) throw new ConfigError(`--shard and --filter ${query} cannot be combined`, { hint: '--shard splits every example of the site; --filter runs one post\'s. Use one of them.' });
  return shardSelection(examples, shard);
}
