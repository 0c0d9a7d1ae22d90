// Tests the code frame: the lines around an error with its line marked, a caret under its column, and nothing raw from the post.
import { describe, expect, test } from 'vitest';
import { codeFrame } from '../../../src/report/code-frame.ts';

const POST = ['---', 'title: T', 'date: 2024-01-02', '---', '', 'Some prose.', '', '```python run=htp', 'print("x")', '```', ''].join('\n');

describe('report/code-frame', () => {
  test('shows two lines either side of the marked one, with a caret under its column', () => {
    expect(codeFrame(POST, { line: 8, column: 11 })).toBe(
      [
        '   6 | Some prose.',
        '   7 |',
        '>  8 | ```python run=htp',
        '     |           ^',
        '   9 | print("x")',
        '  10 | ```',
      ].join('\n'),
    );
  });

  test('has no caret line without a column, and stops at the first and last lines', () => {
    expect(codeFrame('first\nsecond\n', { line: 1 })).toBe(['> 1 | first', '  2 | second', '  3 |'].join('\n'));
    expect(codeFrame('only', { line: 1, context: 5 })).toBe('> 1 | only');
  });

  test('widens the gutter for the largest line number shown', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join('\n');
    expect(codeFrame(text, { line: 99, context: 1 })).toBe(['   98 | line 98', '>  99 | line 99', '  100 | line 100'].join('\n'));
  });

  test('reads CRLF files and skips a byte order mark', () => {
    expect(codeFrame('\uFEFFa\r\nb\r\n', { line: 1, context: 1 })).toBe(['> 1 | a', '  2 | b'].join('\n'));
  });

  test('gives no frame for a line the file does not have (it changed since)', () => {
    expect(codeFrame('a\nb', { line: 7 })).toBeUndefined();
    expect(codeFrame('a\nb', { line: 0 })).toBeUndefined();
  });

  test('keeps tabs in the caret line, so the caret lands under the same character', () => {
    expect(codeFrame('\tkey:\tvalue', { line: 1, column: 7 })).toBe(['> 1 | \tkey:\tvalue', '    | \t    \t^'].join('\n'));
  });

  test('cuts a very long line', () => {
    const frame = codeFrame(`x${'y'.repeat(500)}`, { line: 1 })!;
    expect(frame.length).toBeLessThan(200);
    expect(frame.endsWith('…')).toBe(true);
  });

  test('escapes control characters of the post and paints only its own markers', () => {
    const hostile = 'x\u001b]0;PWNED\u0007\u001b[2K';
    const frame = codeFrame(`before ${hostile}\nafter`, { line: 1, column: 8, colour: true })!;
    expect(frame.replaceAll(/\u001b\[(31;1|90|0)m/g, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(frame.replaceAll(/\u001b\[(31;1|90|0)m/g, '')).toBe(['> 1 | before x\\x1b]0;PWNED\\x07\\x1b[2K', '    |        ^', '  2 | after'].join('\n'));
  });
});
