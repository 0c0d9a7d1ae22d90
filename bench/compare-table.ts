// The comparison's table: per engine and scenario, median and best wall, median CPU, ratios to Hugo and Eleventy, posts/s and peak RSS.
import type { Sample } from './measure.ts';

/** The scenarios every engine is built in, in the order they run. */
export const SCENARIOS = ['cold', 'warm', 're-read', 'edit one'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Samples keyed by engine name, then scenario. */
export type Results = Map<string, Record<Scenario, Sample[]>>;

/** The middle value (the lower middle of an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The table as printed: one row per engine and scenario. */
export function formatTable(results: Results, posts: number): string {
  const wall = (engine: string, scenario: Scenario) => {
    const samples = results.get(engine)?.[scenario];
    return samples?.length ? median(samples.map((sample) => sample.wallSeconds)) : undefined;
  };
  // Best (the fastest run) beside the median: on a shared machine other work only ever adds time.
  const header = ['engine', 'scenario', 'wall s', 'best s', 'CPU s', '× hugo', '× eleventy', 'posts/s', 'peak RSS MiB', 'runs (wall s)'];
  const rows = [...results].flatMap(([engine, byScenario]) =>
    SCENARIOS.map((scenario) => {
      const samples = byScenario[scenario];
      const seconds = wall(engine, scenario)!;
      const cpu = samples.flatMap((sample) => (sample.cpuSeconds === undefined ? [] : [sample.cpuSeconds]));
      const rss = samples.flatMap((sample) => (sample.peakRssMiB === undefined ? [] : [sample.peakRssMiB]));
      const ratio = (other: string) => {
        const theirs = wall(other, scenario);
        return theirs === undefined ? '-' : `${(seconds / theirs).toFixed(2)}×`;
      };
      return [
        engine,
        scenario,
        seconds.toFixed(2),
        Math.min(...samples.map((sample) => sample.wallSeconds)).toFixed(2),
        cpu.length ? median(cpu).toFixed(2) : '-',
        ratio('hugo'),
        ratio('eleventy'),
        (posts / seconds).toFixed(0),
        rss.length ? Math.max(...rss).toFixed(0) : '-',
        samples.map((sample) => sample.wallSeconds.toFixed(2)).join(' '),
      ];
    }),
  );
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column < 2 || column === header.length - 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
