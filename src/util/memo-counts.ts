// How much of a build a memo saved (`proofpress dev` keeps its memos across rebuilds), as a build step's name says it.

/** How many results a memo computed, and how many it handed out again, since it was made. */
export interface MemoCounts {
  made: number;
  reused: number;
}

/** Anything that counts what it computed and reused. */
export interface Counted {
  counts(): MemoCounts;
}

/**
 * The name of a step that uses `memo`: `Parsed Markdown (1 anew, 999 reused)`, counting from this call to the
 * name's use once the step has run (step() names a step after it ran). Without a memo, `name` as it is.
 */
export function nameWithReuse(name: string, memo: Counted | undefined): string | (() => string) {
  if (!memo) return name;
  const before = memo.counts();
  return () => {
    const after = memo.counts();
    const [made, reused] = [after.made - before.made, after.reused - before.reused];
    return `${name} (${made.toLocaleString('en')} anew, ${reused.toLocaleString('en')} reused)`;
  };
}
