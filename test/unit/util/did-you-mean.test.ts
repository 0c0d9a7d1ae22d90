// Tests didYouMean: the known name a misspelt one stands for, close enough to be a typo and no closer guess.
import { describe, expect, test } from 'vitest';
import { didYouMean, editDistance } from '../../../src/util/did-you-mean.ts';

const FIELDS = ['title', 'slug', 'date', 'updated', 'tags', 'summary', 'requirements', 'editor_note'];

describe('util/did-you-mean', () => {
  test.each([
    // one edit from a short name
    ['tag', 'tags'],
    ['dates', 'date'],
    ['Title', 'title'],
    // a swap of neighbours counts as one edit
    ['titel', 'title'],
    ['sulg', 'slug'],
    // two edits from a name of six letters or more
    ['requirement', 'requirements'],
    ['sumary', 'summary'],
    ['editorNote', 'editor_note'],
  ])('takes %s for %s', (word, meant) => {
    expect(didYouMean(word, FIELDS)).toBe(meant);
  });

  test.each([['lang'], ['author'], ['category'], ['subtitle'], ['type']])('takes %s for nothing', (word) => {
    expect(didYouMean(word, FIELDS)).toBeUndefined();
  });

  test('prefers the nearest name', () => {
    expect(didYouMean('timeouts', ['timeout_ms', 'timeout'])).toBe('timeout');
    expect(didYouMean('expct', ['expect', 'exit'])).toBe('expect');
  });

  test.each([
    ['', 'abc', 3],
    ['expect', 'expect', 0],
    ['epxect', 'expect', 1],
    ['kitten', 'sitting', 3],
  ])('counts %j → %j as %i edits', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});
