// Tests pairVariants/attachVariants: a variant file's blocks pair in order with its post's, support blocks go with
// the block that uses them, and a variant that drifted from its post is a located error before anything runs.
import { describe, expect, test } from 'vitest';
import { toPost } from '../../../src/content/post.ts';
import { ExampleSpecError, FrontMatterError, ProofpressError } from '../../../src/errors.ts';
import { extractExamples } from '../../../src/examples/extract.ts';
import { attachVariants, pairVariants } from '../../../src/examples/variants.ts';
import { createMarkdown } from '../../../src/markdown/create.ts';
import { parsePost } from '../../../src/markdown/parse.ts';

const POST = `---
title: Old post
slug: old-post
date: 2006-08-31
---

Shown:

    $ easy_install thing

Run:

<!-- example file=app.py run=script expect="hi" -->
      print "hi"
`;

const FRONT = '---\ntitle: Python 3 port\ndate: 2024-01-01\nvariant_of: old-post\n---\n';

function extracted(files: Record<string, string>) {
  const md = createMarkdown();
  return Object.entries(files).map(([path, text]) => {
    const parsed = parsePost(md, toPost({ path, text }));
    return { parsed, ...extractExamples(parsed) };
  });
}

function rejection(variant: string): ProofpressError {
  try {
    pairVariants(extracted({ 'content/old.md': POST, 'content/port.md': variant }));
  } catch (error) {
    if (error instanceof ProofpressError) return error;
    throw error;
  }
  throw new Error('expected a ProofpressError');
}

const PORT = `${FRONT}
## Shown

\`\`\`console run=none
$ easy_install thing
\`\`\`

## Run

\`\`\`python file=helper.py support
GREETING = "hi"
\`\`\`

\`\`\`python file=app.py run=script with=helper.py expect="hi"
from helper import GREETING
print(GREETING)
\`\`\`
`;

describe('examples/variants', () => {
  test('pairs blocks in order, support blocks aside, each support block with the block that runs with it', () => {
    expect(pairVariants(extracted({ 'content/old.md': POST, 'content/port.md': PORT }))).toEqual([
      {
        post: 0,
        variant: 1,
        pairs: [
          { original: 0, variant: 0, support: [] },
          { original: 1, variant: 2, support: [1] },
        ],
      },
    ]);
  });

  test('finds the post by slug whatever the order of the files', () => {
    expect(pairVariants(extracted({ 'content/port.md': PORT, 'content/old.md': POST }))[0]).toMatchObject({ post: 1, variant: 0 });
  });

  test('pairs nothing when no file is a variant', () => {
    expect(pairVariants(extracted({ 'content/old.md': POST }))).toEqual([]);
  });

  test('attaches each variant to its post and leaves variant files out of the published posts', () => {
    const groups = [{ name: 'port' }, { name: 'old' }, { name: 'other' }];
    expect(attachVariants(groups, [{ post: 1, variant: 0, pairs: [] }])).toEqual([
      { name: 'old', variants: [{ post: { name: 'port' }, pairs: [] }] },
      { name: 'other', variants: [] },
    ]);
  });

  describe('rejects', () => {
    test('a variant of a post that does not exist, naming the slugs there are', () => {
      const error = rejection(PORT.replace('variant_of: old-post', 'variant_of: new-post'));
      expect(error).toBeInstanceOf(FrontMatterError);
      expect(error.message).toBe('Front matter field `variant_of`: no post has the slug `new-post`');
      expect(error.location).toBe('content/port.md:1');
      expect(error.hint).toContain('old-post');
    });

    test('a variant with fewer blocks than its post, at its last block', () => {
      const error = rejection(`${FRONT}\n\`\`\`python file=app.py run=script expect="hi"\nprint("hi")\n\`\`\`\n`);
      expect(error).toBeInstanceOf(ExampleSpecError);
      expect(error.message).toBe('The variant has 1 code blocks (support blocks aside) and its post 2: they pair in order');
      expect(error.location).toBe('content/port.md:7');
    });

    test('a variant with more blocks than its post, at the first one too many', () => {
      const error = rejection(`${PORT}\n\`\`\`console run=none\n$ extra\n\`\`\`\n`);
      expect(error.message).toBe('The variant has 3 code blocks (support blocks aside) and its post 2: they pair in order');
      expect(error.location).toBe(`content/port.md:${PORT.split('\n').length + 1}`);
    });

    test('prose in a variant, which would not be published', () => {
      const error = rejection(PORT.replace('## Run\n', '## Run\n\nSome words for readers.\n'));
      expect(error.message).toBe('A variant file shows only its code blocks, beside its post\'s: this text would not be published');
      expect(error.location).toBe(`content/port.md:${PORT.split('\n').indexOf('## Run') + 3}`);
      expect(error.hint).toContain('editor_note');
    });

    test('a support block that no block of the variant runs with', () => {
      const error = rejection(PORT.replace(' with=helper.py', ''));
      expect(error.message).toBe('Support block helper.py (run=none) is used by no block of the variant');
      expect(error.location).toBe(`content/port.md:${PORT.split('\n').indexOf('```python file=helper.py support') + 1}`);
    });
  });
});
