// Tests the unclosed-fence check: markdown-it closes a fence silently at the end of the post (or of its list
// item or quote); proofpress rejects it at its opening line, and never a fence that is closed.
import { describe, expect, test } from 'vitest';
import { MarkdownError } from '../../../src/errors.ts';
import { createMarkdown } from '../../../src/markdown/create.ts';
import { findUnclosedFence } from '../../../src/markdown/unclosed-fence.ts';

function check(body: string, bodyOffset = 0): MarkdownError | undefined {
  const tokens = createMarkdown().parse(body, {});
  return findUnclosedFence({ tokens, body, bodyOffset, file: 'content/post.md' });
}

describe('markdown/unclosed-fence', () => {
  test.each([
    // [name, body]
    ['a closed fence', 'a\n\n```py\nx\n```\n\nb\n'],
    ['a longer closing fence', '```py\nx\n`````\n'],
    ['a closing fence with spaces around it', '```py\nx\n   ```   \n'],
    ['tildes', '~~~\nx\n~~~~\n'],
    ['a fence shown inside a longer one', '````md\n```py\nx\n```\n````\n'],
    ['a closed fence in a list item', '- item\n\n  ```py\n  x\n  ```\n\nafter\n'],
    ['a closed fence in a quote', '> ```\n> x\n> ```\n\nafter\n'],
    ['an empty closed fence at the end without a newline', '```\n```'],
    ['an indented code block', '    ```\n    x\n'],
  ])('accepts %s', (_name, body) => {
    expect(check(body)).toBeUndefined();
  });

  test.each([
    // [name, body, opening line, message]
    ['a fence that runs to the end', 'a\n\n```py\nx\n\n# Heading\n', 3, 'This ``` block is never closed; everything after line 3 is inside it'],
    ['a fence closed by too few backquotes', '````py\nx\n```\n', 1, 'This ```` block is never closed; everything after line 1 is inside it'],
    ['a fence closed by the other marker', '~~~\nx\n```\n', 1, 'This ~~~ block is never closed; everything after line 1 is inside it'],
    ['a fence opened on the last line', 'text\n\n```\n', 3, 'This ``` block is never closed; everything after line 3 is inside it'],
    ['a fence that ends with its list item', '- item\n\n  ```py\n  x\n\nafter\n', 3, 'This ``` block is never closed; lines 4–5 are inside it'],
    ['a fence that ends with its quote', '> ```\n> x\n\nafter\n', 1, 'This ``` block is never closed; line 2 is inside it'],
    ['the second of two fences', '```\na\n```\n\n```py\nb\n', 5, 'This ``` block is never closed; everything after line 5 is inside it'],
  ])('rejects %s at its opening line', (_name, body, line, message) => {
    const error = check(body);
    expect(error).toBeInstanceOf(MarkdownError);
    expect({ line: error?.line, message: error?.message }).toEqual({ line, message });
  });

  test('counts file lines after the front matter and says how to close it', () => {
    const error = check('\n```python file=a.py\nprint(1)\n', 4);
    expect(error?.location).toBe('content/post.md:6');
    expect(error?.hint).toBe('Close it with a line of ```. To show a fence inside a code block, open the outer block with more backquotes (````).');
  });
});
