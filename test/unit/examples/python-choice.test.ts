// Tests which Python each example runs on (a block's python=, else its post's python:) and what each interpreter must hold.
import { describe, expect, test } from 'vitest';
import { applyPostPython, pythonNeeds } from '../../../src/examples/python-choice.ts';
import { examplesFromMarkdown } from '../../helpers/examples.ts';

const POST = `---
title: Two Pythons
date: 2024-01-01
python: "2.7"
requirements: ['flup==1.0.2; python_version < "3"']
---

\`\`\`python file=a.py run=script exit=0
print "2.7"
\`\`\`

\`\`\`python file=b.py run=script exit=0 python=3.12
print("3.12")
\`\`\`

\`\`\`js file=c.js run=script exit=0
console.log('node')
\`\`\`

\`\`\`console run=console
$ python a.py
2.7
\`\`\`

\`\`\`python file=shown.py
print "shown only"
\`\`\`
`;

describe('examples/python-choice', () => {
  const examples = applyPostPython({ python: '2.7' }, examplesFromMarkdown(POST, 'content/two.md'));
  const pythonOf = (label: string) => examples.find((example) => example.label.startsWith(label))!.spec.python;

  test("gives the post's python: to each Python block and console session that names none", () => {
    expect(pythonOf('a.py')).toBe('2.7');
    expect(pythonOf('console block')).toBe('2.7');
  });

  test("keeps a block's own python= over the post's", () => {
    expect(pythonOf('b.py')).toBe('3.12');
  });

  test('leaves blocks of other languages on the default interpreter', () => {
    expect(pythonOf('c.js')).toBeUndefined();
  });

  test('changes nothing when the post chooses no Python', () => {
    const plain = examplesFromMarkdown(POST.replace('python: "2.7"\n', ''), 'content/two.md');
    expect(applyPostPython({ python: undefined }, plain)).toBe(plain);
  });

  test('needs each (post, interpreter) pair once, with the post requirements, and nothing for blocks that do not run', () => {
    const needs = pythonNeeds([{ source: 'content/two.md', requirements: ['flup==1.0.2; python_version < "3"'] }], examples);
    expect(needs).toEqual([
      { source: 'content/two.md', requirements: ['flup==1.0.2; python_version < "3"'], python: '2.7' },
      { source: 'content/two.md', requirements: ['flup==1.0.2; python_version < "3"'], python: '3.12' },
      { source: 'content/two.md', requirements: ['flup==1.0.2; python_version < "3"'], python: undefined },
    ]);
  });
});
