// Tests the error collector: every item is tried, user-facing errors are kept and thrown once, bugs are not swallowed.
import { describe, expect, test } from 'vitest';
import { ExampleSpecError, FrontMatterError, InvalidPostsError } from '../../../src/errors.ts';
import { collectErrors, throwErrors } from '../../../src/util/collect-errors.ts';

const bad = (file: string, line: number) => new FrontMatterError(`bad ${file}:${line}`, { file, line });

function thrownBy(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('util/collect-errors', () => {
  test('keeps the results of the items that passed and tries every item', () => {
    const errors = collectErrors();
    const seen: number[] = [];
    const results = errors.each([1, 2, 3], (n) => {
      seen.push(n);
      if (n === 2) throw bad('content/b.md', 2);
      return n * 10;
    });
    expect(results).toEqual([10, 30]);
    expect(seen).toEqual([1, 2, 3]);
  });

  test('throws nothing when nothing failed, and the error itself when one did', () => {
    const errors = collectErrors();
    expect(() => errors.throwIfAny()).not.toThrow();
    const only = bad('content/a.md', 3);
    errors.add(only);
    expect(thrownBy(() => errors.throwIfAny())).toBe(only);
  });

  test('throws several as one InvalidPostsError ordered by file and line, flattening ones that carry several', () => {
    const errors = collectErrors();
    const inner = [bad('content/b.md', 9), bad('content/b.md', 2)];
    errors.add(bad('content/c.md', 1));
    errors.each([0], () => {
      throw new InvalidPostsError('2 errors in 1 post', inner);
    });
    errors.add(new ExampleSpecError('x', { file: 'content/a.md', line: 40 }));
    const thrown = thrownBy(() => errors.throwIfAny()) as InvalidPostsError;
    expect(thrown).toBeInstanceOf(InvalidPostsError);
    expect(thrown.message).toBe('4 errors in 3 posts; no example was run');
    expect(thrown.errors.map((error) => error.location)).toEqual(['content/a.md:40', 'content/b.md:2', 'content/b.md:9', 'content/c.md:1']);
  });

  test('lets an error that is not a ProofpressError through at once: it is a bug, not a post to fix', () => {
    const errors = collectErrors();
    expect(() => errors.each([1, 2], () => {
      throw new TypeError('boom');
    })).toThrow(TypeError);
  });

  test('counts one post in the summary of several errors of one file', () => {
    expect(() => throwErrors([bad('content/a.md', 1), bad('content/a.md', 2)])).toThrow('2 errors in 1 post; no example was run');
  });
});
