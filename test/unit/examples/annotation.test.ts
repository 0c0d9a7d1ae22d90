// Tests `<!-- example … -->` annotations end to end (markdown → examples): the attributes they give a block, the
// language they work out, and the located errors for annotations that annotate nothing or twice.
import { describe, expect, test } from 'vitest';
import { toPost } from '../../../src/content/post.ts';
import { ExampleSpecError } from '../../../src/errors.ts';
import { extractExamples } from '../../../src/examples/extract.ts';
import { createMarkdown } from '../../../src/markdown/create.ts';
import { parsePost } from '../../../src/markdown/parse.ts';

const FRONT = '---\ntitle: Test post\nslug: test-post\ndate: 2024-01-02\n---\n';

function examples(body: string) {
  return extractExamples(parsePost(createMarkdown(), toPost({ path: 'content/test-post.md', text: FRONT + body }))).examples;
}

function rejection(body: string): ExampleSpecError {
  try {
    examples(body);
  } catch (error) {
    if (error instanceof ExampleSpecError) return error;
    throw error;
  }
  throw new Error('expected an ExampleSpecError');
}

/** 1-based file line of the first line of the post equal to `line`. */
function lineOf(body: string, line: string): number {
  return (FRONT + body).split('\n').indexOf(line) + 1;
}

describe('examples/annotation', () => {
  test('gives an indented block the attributes of the annotation before it, and locates the block at its first line', () => {
    const body = 'Insert:\n\n<!-- example file=simpletest.py run=http expect="Hello world!" -->\n      print "hi"\n';
    const [example] = examples(body);
    expect(example!.spec).toMatchObject({ lang: 'python', file: 'simpletest.py', run: 'http', expect: 'Hello world!', annotated: true });
    expect(example!.line).toBe(lineOf(body, '      print "hi"'));
    expect(example!.code).toBe('print "hi"\n');
  });

  test.each([
    // the language, when the annotation does not name it
    ['file=app.py run=script exit=0', '    x = 1\n', 'python'],
    ['file=app.js run=script exit=0', '    x = 1\n', 'js'],
    ['file=run.sh run=script exit=0', '    true\n', 'sh'],
    ['run=console expect="hi"', '    $ echo hi\n', 'console'],
    ['run=doctest', '    >>> 1\n    1\n', 'pycon'],
    ['file=server.fcgi', '    #!/usr/bin/env python\n    import fcgi\n', 'python'],
    ['file=hello.cgi', '    #!/bin/sh\n    echo hi\n', 'sh'],
    // shown only: a block of no known language stays plain
    ['file=notes.txt', '    some notes\n', ''],
    // named as the first word, it wins
    ['python3 file=app run=script exit=0', '    x = 1\n', 'python3'],
    ['console run=none', '    $ sudo easy_install flup\n', 'console'],
  ])('<!-- example %s --> on %j is a %j block', (attributes, code, lang) => {
    expect(examples(`<!-- example ${attributes} -->\n${code}`)[0]!.spec.lang).toBe(lang);
  });

  test('gives a fenced block with only a language its attributes', () => {
    const [example] = examples('<!-- example file=a.py run=script exit=0 -->\n```python\nprint(1)\n```\n');
    expect(example!.spec).toMatchObject({ lang: 'python', file: 'a.py', run: 'script', exitCode: 0 });
  });

  test('leaves a block without an annotation as before: unannotated and shown only', () => {
    expect(examples('    x = 1\n')[0]!.spec).toMatchObject({ lang: '', run: 'none', annotated: false });
  });

  describe('rejects, at the annotation\'s line', () => {
    test.each([
      ['an annotation followed by a paragraph', '<!-- example file=a.py -->\nText.\n\n    x\n', 'An `<!-- example … -->` annotation must come directly before a code block'],
      ['an annotation followed by a heading', '<!-- example file=a.py -->\n\n## Step\n\n    x\n', 'An `<!-- example … -->` annotation must come directly before a code block'],
      ['an annotation at the end of the post', 'Text.\n\n<!-- example file=a.py -->\n', 'An `<!-- example … -->` annotation must come directly before a code block'],
      ['two annotations in a row', '<!-- example file=a.py -->\n<!-- example file=b.py -->\n    x\n', 'An `<!-- example … -->` annotation must come directly before a code block'],
      ['an annotation not closed', '<!-- example file=a.py\n\n    x\n', 'The annotation `<!-- example …` is not closed with `-->` before a blank line'],
      ['text after -->', '<!-- example file=a.py --> text\n    x\n', 'Text follows `-->` on the annotation\'s line'],
      ['a fence that has attributes too', '<!-- example file=a.py -->\n```python run=none\nx\n```\n', 'This fenced block has attributes of its own and an `<!-- example … -->` annotation'],
      ['a fence that names another language', '<!-- example js file=a.py -->\n```python\nx\n```\n', 'The annotation says `js` but the fence says `python`'],
      ['a block that runs in no known language', '<!-- example file=app run=script exit=0 -->\n    x\n', 'Cannot tell the language of this annotated block'],
      ['a misspelled attribute', '<!-- example file=a.py run=script expct="x" -->\n    x\n', 'Unknown code block attribute `expct`'],
    ])('%s', (_name, body, message) => {
      const error = rejection(body);
      expect(error.message).toBe(message);
      expect(error.location).toBe(`content/test-post.md:${lineOf(body, body.split('\n')[body.startsWith('Text.') ? 2 : 0]!)}`);
      expect(error.hint).toBeTruthy();
    });
  });
});
