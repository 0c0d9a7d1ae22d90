// Benchmark flags, shared by every bench file: `npm run bench -- --posts 4000 --runs 5 --only compare`.
import { parseArgs } from 'node:util';

/** What a bench run was asked for. Each bench keeps its own default run count when `--runs` is absent. */
export interface BenchArgs {
  /** Posts in the generated corpus. @default 1000 */
  posts: number;
  /** Repetitions of each measurement; undefined: the bench's own default. */
  runs?: number;
  /** Benches to run (`--only compare,verify`); undefined: all but `profile`. */
  only?: string[];
  /** Keep the generated corpus folder and print its path (to look at each engine's output). */
  keep: boolean;
}

/** Parse `argv` (without node and script); `BENCH_RUNS` stands in for `--runs`, as the older benches read it. */
export function parseBenchArgs(argv: string[] = process.argv.slice(2), env = process.env): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      posts: { type: 'string' },
      runs: { type: 'string' },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const runs = values.runs ?? env.BENCH_RUNS;
  return {
    posts: positive('--posts', values.posts ?? '1000'),
    runs: runs === undefined ? undefined : positive('--runs', runs),
    only: values.only?.split(',').map((name) => name.trim()).filter(Boolean),
    keep: values.keep ?? false,
  };
}

function positive(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${flag} must be a whole number of at least 1 (got ${value})`);
  return number;
}
