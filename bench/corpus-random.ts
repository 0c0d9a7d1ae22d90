// A small seeded random generator (mulberry32), so every run and every engine gets the same corpus.

/** Deterministic choices drawn from one seed. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [min, max]. */
  int(min: number, max: number): number;
  /** One item of `items`. */
  pick<T>(items: readonly T[]): T;
  /** `count` distinct items of `items`, in the order drawn. */
  sample<T>(items: readonly T[], count: number): T[];
}

/** Create the generator for `seed` (post N uses seed N, so post 7 is the same in a corpus of 100 or 4,000). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const pool = [...items];
    return Array.from({ length: Math.min(count, pool.length) }, () => pool.splice(int(0, pool.length - 1), 1)[0]!);
  };
  return { next, int, pick, sample };
}
