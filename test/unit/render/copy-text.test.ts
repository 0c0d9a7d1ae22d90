// What the copy button copies: code verbatim, and only the commands of a console transcript.
import { describe, expect, test } from 'vitest';
import { copyTextOf } from '../../../src/render/copy-text.ts';

describe('render/copy-text', () => {
  test.each([
    // Source code: byte for byte, final newline and trailing spaces included
    ['python', 'print("hi")  \n', 'print("hi")  \n'],
    ['python', '$ not a prompt in Python\n', '$ not a prompt in Python\n'],
    // Console transcripts: commands without prompts, output dropped, no final newline
    ['console', '$ sudo easy_install wsgiref\n', 'sudo easy_install wsgiref'],
    ['console', '$ python simpletest.py\nServing HTTP on port 8000...\n$ curl localhost:8000\nHello\n', 'python simpletest.py\ncurl localhost:8000'],
    ['shellsession', '$pip install flup\n', 'pip install flup'],
    // A command continued with a backslash keeps its continuation lines
    ['console', '$ pip install \\\n    flup\nDone\n', 'pip install \\\n    flup'],
    // A transcript without any prompt is copied whole (there is nothing to strip)
    ['console', 'make build\n', 'make build'],
  ])('copies %s %j as %j', (lang, code, expected) => {
    expect(copyTextOf(code, lang)).toBe(expected);
  });
});
