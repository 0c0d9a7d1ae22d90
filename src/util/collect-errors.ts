// Collect, then fail once: the errors of every post (front matter, Markdown, code blocks) reported in one run.
import { InvalidPostsError, ProofpressError, innerErrors } from '../errors.ts';

/** Keeps the user-facing errors of many items so that one bad post does not hide the next one's. */
export interface ErrorCollector {
  /** `fn` over each item; an item whose `fn` throws a ProofpressError is left out and its errors are kept. Other errors are bugs and propagate. */
  each<T, R>(items: readonly T[], fn: (item: T) => R): R[];
  /** Keep `errors` (as thrown by a stage that already collects). */
  add(...errors: ProofpressError[]): void;
  /** Throw what was kept: nothing, the one error, or an InvalidPostsError carrying every one in file and line order. */
  throwIfAny(): void;
}

/** A new, empty collector. */
export function collectErrors(): ErrorCollector {
  const kept: ProofpressError[] = [];
  const add = (...errors: ProofpressError[]) => {
    for (const error of errors) kept.push(...(innerErrors(error).length > 0 ? innerErrors(error) : [error]));
  };
  return {
    each(items, fn) {
      const results = [];
      for (const item of items) {
        try {
          results.push(fn(item));
        } catch (error) {
          if (!(error instanceof ProofpressError)) throw error;
          add(error);
        }
      }
      return results;
    },
    add,
    throwIfAny: () => throwErrors(kept),
  };
}

/** Throw `errors` as one: nothing when empty, the error itself when alone, else an InvalidPostsError listing them by file and line. */
export function throwErrors(errors: readonly ProofpressError[]): void {
  if (errors.length === 0) return;
  if (errors.length === 1) throw errors[0]!;
  const sorted = [...errors].sort((a, b) => compareText(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
  const files = new Set(sorted.map((error) => error.file)).size;
  throw new InvalidPostsError(`${errors.length} errors in ${files === 1 ? '1 post' : `${files} posts`}; no example was run`, sorted, {
    hint: 'Each error above names its file and line; fix them and build again.',
  });
}

// Plain code-unit order, as the loader sorts files: the same on every machine, whatever its locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
