// "Did you mean …?": the known name a misspelt one most likely stands for (fence attributes, front-matter fields).

/**
 * The name of `known` that `word` most likely misspells: case ignored, one edit away (two for names of six
 * letters or more), nearest first; undefined when none is that close. Short names get one edit so that
 * `lang` is not taken for `tags`.
 */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const scored = known.map((name) => ({ name, distance: editDistance(lower, name.toLowerCase()) }));
  const near = scored.filter(({ name, distance }) => distance <= (name.length >= 6 ? 2 : 1));
  return near.sort((a, b) => a.distance - b.distance)[0]?.name;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours (`epxect`) cost one. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
