// Tests impossibleDate: dates as written that no calendar has, which js-yaml and Date would roll over silently.
import { describe, expect, test } from 'vitest';
import { impossibleDate } from '../../../src/content/calendar-date.ts';

describe('content/calendar-date', () => {
  test.each([
    // months and days
    ['2025-13-45', 'there is no month 13'],
    ['2025-00-10', 'there is no month 0'],
    ['2025-02-29', 'February 2025 has 28 days'],
    ['2100-02-29', 'February 2100 has 28 days'],
    ['2025-06-31', 'June 2025 has 30 days'],
    ['2025-06-00', 'there is no day 0'],
    // times
    ['2025-06-01T24:00:00Z', 'there is no hour 24'],
    ['2025-06-01 10:60', 'there is no minute 60'],
    ['2025-06-01T10:00:61+02:00', 'there is no second 61'],
  ])('rejects %s: %s', (text, reason) => {
    expect(impossibleDate(text)).toBe(reason);
  });

  test.each([
    ['2024-02-29'],
    ['2000-02-29'],
    ['2006-08-31T16:24:46'],
    ['2006-08-31 16:24:46.5 +02:00'],
    ['2025-12-31T23:59:59Z'],
    // not shaped like a date: the schema judges these
    ['last tuesday'],
    ['31/12/2025'],
    [''],
  ])('accepts %j', (text) => {
    expect(impossibleDate(text)).toBeUndefined();
  });
});
