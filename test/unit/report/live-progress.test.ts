// Tests the live line's text: done/total, failures, what is running, cut to the terminal's width.
import { describe, expect, test } from 'vitest';
import { describeProgress, type ProgressState, type RunningExample } from '../../../src/report/live-progress.ts';

function state(overrides: Partial<ProgressState> = {}, running: RunningExample[] = []): ProgressState {
  return { total: 120, done: 37, failed: 0, running: new Map(running.map((example) => [example.id, example])), ...overrides };
}

const a = { id: 'a', source: 'content/a.md', line: 12, label: 'app.py (run=http)' };
const b = { id: 'b', source: 'content/b.md', line: 4, label: 'console block 2 (run=console)' };

describe('report/live-progress', () => {
  test.each<[string, ProgressState, string]>([
    ['nothing running', state(), 'Verifying examples 37/120'],
    ['examples running, without their run kind', state({}, [a, b]), 'Verifying examples 37/120 · running: content/a.md:12 app.py, content/b.md:4 console block 2'],
    ['failures', state({ failed: 2 }, [a]), 'Verifying examples 37/120 · 2 failed · running: content/a.md:12 app.py'],
  ])('says %s', (_name, progress, text) => {
    expect(describeProgress(progress, 200)).toBe(text);
  });

  test('cuts the line to the width, so that it never wraps (a wrapped line cannot be rewritten)', () => {
    const text = describeProgress(state({}, [a, b]), 40);
    expect(text).toBe('Verifying examples 37/120 · running: co…');
    expect([...text]).toHaveLength(40);
  });
});
