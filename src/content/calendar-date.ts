// Stage 1: a written date that names no day of the calendar (`2025-13-45`, `2025-02-30`), which js-yaml and Date roll over silently.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Why `text`, a date as written in the front matter (`2025-13-45`, `2025-02-30 10:00`), is no real date or
 * time; undefined when it is one or is not shaped like a date at all (the schema judges those). js-yaml reads
 * `2025-13-45` as `Date.UTC(2025, 12, 45)`, i.e. 14 February 2026, so the check must see the text.
 */
export function impossibleDate(text: string): string | undefined {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  if (month! < 1 || month! > 12) return `there is no month ${month}`;
  // Day 0 of the next month is the last day of this one.
  const days = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (day! < 1 || day! > days) return day! < 1 ? 'there is no day 0' : `${MONTHS[month! - 1]} ${year} has ${days} days`;
  if (hour !== undefined && hour > 23) return `there is no hour ${hour}`;
  if (minute !== undefined && minute > 59) return `there is no minute ${minute}`;
  if (second !== undefined && second > 59) return `there is no second ${second}`;
  return undefined;
}
