// Tests the diff between a block and its variant: hunks, the changes the editor's note lists, and the escaped <pre>.
import { describe, expect, test } from 'vitest';
import { describeChangeCount, diffCode, renderCodeDiff } from '../../../src/render/code-diff.ts';

const DEMO_2006 = 'from wsgiref.simple_server import make_server, demo_app\n\nhttpd = make_server(\'\', 8000, demo_app)\nprint "Serving HTTP on port 8000..."\n\n# Respond to requests until process is killed\nhttpd.serve_forever()\n';
const DEMO_PORT = DEMO_2006.replace('print "Serving HTTP on port 8000..."', 'print("Serving HTTP on port 8000...")');

describe('render/code-diff', () => {
  test('finds the one line the port of demo_app changed', () => {
    const diff = diffCode(DEMO_2006, DEMO_PORT);
    expect(diff.changes).toEqual([{ removed: ['print "Serving HTTP on port 8000..."'], added: ['print("Serving HTTP on port 8000...")'] }]);
    expect(diff.changedLines).toBe(1);
    expect(describeChangeCount(diff)).toBe('1 line changed');
    expect(diff.hunks).toHaveLength(1);
    expect(diff.hunks[0]!.lines).toContain(' httpd = make_server(\'\', 8000, demo_app)');
  });

  test.each([
    // identical code: no hunk, nothing changed
    ['a\n', 'a\n', [], 'unchanged'],
    // lines only added or only removed
    ['a\n', 'a\nb\n', [{ removed: [], added: ['b'] }], '1 line changed'],
    ['a\nb\n', 'a\n', [{ removed: ['b'], added: [] }], '1 line changed'],
    // a replaced run counts its longer side once
    ['a\nb\nc\n', 'x\nc\n', [{ removed: ['a', 'b'], added: ['x'] }], '2 lines changed'],
    // separate runs stay separate
    ['a\nb\nc\nd\ne\nf\n', 'A\nb\nc\nd\ne\nF\n', [{ removed: ['a'], added: ['A'] }, { removed: ['f'], added: ['F'] }], '2 lines changed'],
    // a missing final newline is a file matter, not a change a reader sees
    ['a', 'a\n', [{ removed: ['a'], added: ['a'] }], '1 line changed'],
  ])('%j → %j', (before, after, changes, count) => {
    const diff = diffCode(before, after);
    expect(diff.changes).toEqual(changes);
    expect(describeChangeCount(diff)).toBe(count);
    expect(diff.hunks.flatMap((hunk) => hunk.lines).some((line) => line.startsWith('\\'))).toBe(false);
  });

  test('renders deletions and insertions as del and ins, signs kept, everything escaped', () => {
    const markup = renderCodeDiff(diffCode('x = "<a>"\n', 'x = b"<a>"\n'), { before: 'as written in 2006', after: 'Python 3 port' }).value;
    expect(markup).toBe(
      '<pre class="code-diff"><code><span class="diff-file">--- as written in 2006</span>\n' +
        '<span class="diff-file">+++ Python 3 port</span>\n' +
        '<span class="diff-hunk">@@ -1,1 +1,1 @@</span>\n' +
        '<del>-x = &quot;&lt;a&gt;&quot;</del>\n' +
        '<ins>+x = b&quot;&lt;a&gt;&quot;</ins>\n' +
        '</code></pre>',
    );
  });
});
