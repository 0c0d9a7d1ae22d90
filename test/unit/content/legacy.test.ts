// Tests the legacy front-matter normalisers: Python reprs, string lists, dates, list-of-maps and folded titles.
import { describe, expect, test } from 'vitest';
import {
  foldTitle,
  mergeListOfMaps,
  normaliseDate,
  normaliseLegacyFrontMatter,
  normaliseStringList,
  unwrapPythonRepr,
} from '../../../src/content/legacy.ts';

describe('content/legacy', () => {
  describe('unwrapPythonRepr', () => {
    test.each<[string, unknown, unknown]>([
      // Python 2 unicode reprs, as the seed's exporter wrote them
      ['u-single', "u'Tech'", 'Tech'],
      ['u-double', 'u"Tech"', 'Tech'],
      ['u-double holding an apostrophe', `u"it's"`, "it's"],
      ['surrounding whitespace', "  u'Tech'  ", 'Tech'],
      ['empty repr', "u''", ''],
      // plain quoted strings
      ['single-quoted', "'Tech'", 'Tech'],
      ['double-quoted', '"Tech"', 'Tech'],
      // left alone
      ['bare word', 'Tech', 'Tech'],
      ['lone u', 'u', 'u'],
      ['mismatched quotes', `'Tech"`, `'Tech"`],
      ['quote only at the start (the seed title)', "'Hello World' with WSGI", "'Hello World' with WSGI"],
      ['two quoted phrases are not one repr', "'Hello' and 'World'", "'Hello' and 'World'"],
      ['a number', 120, 120],
      ['null', null, null],
    ])('%s', (_name, input, expected) => {
      expect(unwrapPythonRepr(input)).toEqual(expected);
    });
  });

  describe('normaliseStringList', () => {
    test.each<[string, unknown, unknown]>([
      // what YAML gives for the seed's `tags: [u'Tech']`
      ['list of reprs', ["u'Tech'"], ['Tech']],
      ['mixed reprs and words', ["u'Tech'", ' Python ', 'u"Web"'], ['Tech', 'Python', 'Web']],
      ['the seed provenance list', ['wordpress', 'rufuspollock.org', 'migration-201703'], ['wordpress', 'rufuspollock.org', 'migration-201703']],
      // other spellings
      ['comma string', 'Tech, Python', ['Tech', 'Python']],
      ['single string', 'Tech', ['Tech']],
      ['single non-string kept for the schema to reject', 5, [5]],
      ['empty list', [], []],
      // absent
      ['undefined', undefined, []],
      ['null', null, []],
    ])('%s', (_name, input, expected) => {
      expect(normaliseStringList(input)).toEqual(expected);
    });
  });

  describe('normaliseDate', () => {
    test.each<[string, unknown, string]>([
      // timezone-less: read as UTC
      ['T separator, no zone (the seed, quoted)', '2006-08-31T16:24:46', '2006-08-31T16:24:46.000Z'],
      ['space separator, no zone', '2006-08-31 16:24:46', '2006-08-31T16:24:46.000Z'],
      ['no seconds', '2006-08-31T16:24', '2006-08-31T16:24:00.000Z'],
      ['fractional seconds', '2006-08-31T16:24:46.5', '2006-08-31T16:24:46.500Z'],
      ['date only', '2006-08-31', '2006-08-31T00:00:00.000Z'],
      ['surrounding whitespace', ' 2006-08-31T16:24:46 ', '2006-08-31T16:24:46.000Z'],
      // with a zone: the zone wins
      ['Z', '2006-08-31T16:24:46Z', '2006-08-31T16:24:46.000Z'],
      ['+02:00', '2006-08-31T16:24:46+02:00', '2006-08-31T14:24:46.000Z'],
      ['+0200', '2006-08-31T16:24:46+0200', '2006-08-31T14:24:46.000Z'],
      ['-05:00 with a space separator', '2006-08-31 16:24:46-05:00', '2006-08-31T21:24:46.000Z'],
    ])('reads %s', (_name, input, iso) => {
      const date = normaliseDate(input);
      expect(date).toBeInstanceOf(Date);
      expect((date as Date).toISOString()).toBe(iso);
    });

    test.each<[string, unknown]>([
      // not dates: passed on for the schema to reject with the field name
      ['a word', 'yesterday'],
      ['an impossible month', '2006-13-45'],
      ['a partial date', '2006-08'],
      ['a number', 20060831],
    ])('leaves %s unchanged', (_name, input) => {
      expect(normaliseDate(input)).toBe(input);
    });

    test('keeps a Date that YAML already parsed', () => {
      const date = new Date('2006-08-31T16:24:46Z');
      expect(normaliseDate(date)).toBe(date);
    });
  });

  describe('mergeListOfMaps', () => {
    test.each<[string, unknown, unknown]>([
      // the seed's `wordpress:\n  - post_id: 120`
      ['one one-key map', [{ post_id: 120 }], { post_id: 120 }],
      ['several maps, later keys win', [{ post_id: 120 }, { status: 'publish' }, { post_id: 121 }], { post_id: 121, status: 'publish' }],
      ['empty list', [], {}],
      // left alone
      ['a map', { post_id: 120 }, { post_id: 120 }],
      ['a list with a scalar', [{ post_id: 120 }, 'x'], [{ post_id: 120 }, 'x']],
      ['a list with null', [null], [null]],
      ['a list of lists', [[1]], [[1]]],
      ['a string', 'x', 'x'],
    ])('%s', (_name, input, expected) => {
      expect(mergeListOfMaps(input)).toEqual(expected);
    });
  });

  describe('foldTitle', () => {
    test.each<[string, unknown, unknown]>([
      ['newlines of a multi-line title', 'Hello\n  World', 'Hello World'],
      ['runs of spaces and tabs', 'Hello \t  World', 'Hello World'],
      ['leading and trailing whitespace', '  Hello World \n', 'Hello World'],
      ['an already clean title', "'Hello World' with WSGI", "'Hello World' with WSGI"],
      ['a non-string', 42, 42],
    ])('%s', (_name, input, expected) => {
      expect(foldTitle(input)).toEqual(expected);
    });
  });

  describe('normaliseLegacyFrontMatter', () => {
    test('normalises every legacy field of the seed at once and keeps the rest', () => {
      const out = normaliseLegacyFrontMatter({
        title: "u'Hello\n  World'",
        tags: ["u'Tech'"],
        date: '2006-08-31T16:24:46',
        wordpress: [{ post_id: 120 }],
        featured: 'False',
        themes: [],
        custom: 'kept',
      });
      expect(out).toEqual({
        title: 'Hello World',
        tags: ['Tech'],
        date: new Date('2006-08-31T16:24:46Z'),
        wordpress: { post_id: 120 },
        featured: false,
        themes: [],
        custom: 'kept',
      });
    });

    test.each<[string, boolean]>([
      ['True', true],
      ['yes', true],
      ['False', false],
      ['no', false],
    ])('reads featured: %s as %s', (text, expected) => {
      expect(normaliseLegacyFrontMatter({ featured: text }).featured).toBe(expected);
    });

    test('does not mutate its input', () => {
      const input = { tags: ["u'Tech'"] };
      normaliseLegacyFrontMatter(input);
      expect(input).toEqual({ tags: ["u'Tech'"] });
    });
  });
});
