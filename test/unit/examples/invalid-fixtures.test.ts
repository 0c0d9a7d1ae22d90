// Every file in test/fixtures/invalid/ is one broken post; content → markdown → examples must reject it with
// exactly this message, location and hint.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { toPost } from '../../../src/content/post.ts';
import { ExampleSpecError, FrontMatterError, InvalidPostsError, MarkdownError, ProofpressError } from '../../../src/errors.ts';
import { extractExamples } from '../../../src/examples/extract.ts';
import { createMarkdown } from '../../../src/markdown/create.ts';
import { parsePost } from '../../../src/markdown/parse.ts';
import { formatErrors } from '../../../src/report/format-error.ts';
import { fixturePath, REPO_ROOT } from '../../helpers/project.ts';

declare global {
  var __pwned: unknown;
}

/** Run stages 1–3 on one fixture and return the error they raise. */
function rejectionOf(name: string): ProofpressError {
  const path = `test/fixtures/invalid/${name}`;
  try {
    extractExamples(parsePost(createMarkdown(), toPost({ path, text: readFileSync(fixturePath('invalid', name), 'utf8') })));
  } catch (error) {
    if (error instanceof ProofpressError) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

const CASES: [name: string, kind: abstract new (...args: never[]) => ProofpressError, printed: string][] = [
  // front matter
  [
    'js-front-matter.md',
    FrontMatterError,
    `✗ Front matter in \`---js\` is not allowed: it would run code from content
  File: test/fixtures/invalid/js-front-matter.md:1
  Hint: Write the front matter as YAML between \`---\` lines.`,
  ],
  [
    'coffee-front-matter.md',
    FrontMatterError,
    `✗ Front matter in \`---coffee\` is not supported
  File: test/fixtures/invalid/coffee-front-matter.md:1
  Hint: Write the front matter as YAML between \`---\` lines.`,
  ],
  [
    'invalid-yaml.md',
    FrontMatterError,
    `✗ Cannot read the front matter: missed comma between flow collection entries
  File: test/fixtures/invalid/invalid-yaml.md:4
  Hint: This list is never closed: end it with \`]\`, e.g. \`tags: [Tech, Python]\`.`,
  ],
  [
    'colon-in-title.md',
    FrontMatterError,
    `✗ Cannot read the front matter: incomplete explicit mapping pair; a key node is missed; or followed by a non-tabulated empty line
  File: test/fixtures/invalid/colon-in-title.md:2
  Hint: YAML reads the \`: \` in the title as the start of another field: put the title in quotes, e.g. \`title: "WSGI: a very simple introduction"\`.`,
  ],
  // the Post schema
  [
    'missing-title.md',
    FrontMatterError,
    `✗ Front matter field \`title\`: is required
  File: test/fixtures/invalid/missing-title.md:1
  Hint: Add \`title: My post\` to the front matter.`,
  ],
  [
    'bad-date.md',
    FrontMatterError,
    `✗ Front matter field \`date\`: Invalid input: expected date, received string
  File: test/fixtures/invalid/bad-date.md:3
  Hint: Write \`date: 2006-08-31\` or \`date: 2006-08-31T16:24:46Z\`.`,
  ],
  [
    'impossible-date.md',
    FrontMatterError,
    `✗ Front matter field \`date\`: 2025-13-45 is not a date (there is no month 13)
  File: test/fixtures/invalid/impossible-date.md:3
  Hint: Write a date that exists, e.g. \`date: 2006-08-31\` or \`date: 2006-08-31T16:24:46Z\`.`,
  ],
  [
    'misspelt-field.md',
    FrontMatterError,
    `✗ Unknown front matter field \`tag\`
  File: test/fixtures/invalid/misspelt-field.md:4
  Hint: Did you mean \`tags\`? A field proofpress does not know is kept but not used, so \`tag:\` would be ignored.`,
  ],
  [
    'several-front-matter-errors.md',
    InvalidPostsError,
    `✗ Unknown front matter field \`titel\`
  File: test/fixtures/invalid/several-front-matter-errors.md:2
  Hint: Did you mean \`title\`? A field proofpress does not know is kept but not used, so \`titel:\` would be ignored.

✗ Front matter field \`date\`: 2025-02-30 is not a date (February 2025 has 28 days)
  File: test/fixtures/invalid/several-front-matter-errors.md:3
  Hint: Write a date that exists, e.g. \`date: 2006-08-31\` or \`date: 2006-08-31T16:24:46Z\`.

✗ 2 errors in 1 post; no example was run
  Hint: Each error above names its file and line; fix them and build again.`,
  ],
  [
    'bad-slug.md',
    FrontMatterError,
    `✗ Front matter field \`slug\`: must be lower-case letters, digits and dashes
  File: test/fixtures/invalid/bad-slug.md:4
  Hint: Fix \`slug\` in the front matter (see the Post schema in src/content/post.ts).`,
  ],
  [
    '___.md',
    FrontMatterError,
    `✗ Cannot make a URL slug from the file name of test/fixtures/invalid/___.md
  File: test/fixtures/invalid/___.md:1
  Hint: Add \`slug: my-post\` (lower-case letters, digits and dashes) to its front matter, or rename the file.`,
  ],
  [
    'nul-in-title.md',
    FrontMatterError,
    `✗ Front matter field \`title\` holds a control character (U+0000)
  File: test/fixtures/invalid/nul-in-title.md:2
  Hint: Remove it: pages and feeds cannot show it (a \`\\0\`, \`\\x..\` or \`\\u00..\` escape in a double-quoted YAML string writes one).`,
  ],
  [
    'relative-alias.md',
    FrontMatterError,
    `✗ Front matter field \`aliases.1\`: must start with /
  File: test/fixtures/invalid/relative-alias.md:4
  Hint: Fix \`aliases.1\` in the front matter (see the Post schema in src/content/post.ts).`,
  ],
  // Markdown
  [
    'unclosed-fence.md',
    MarkdownError,
    `✗ This \`\`\` block is never closed; everything after line 8 is inside it
  File: test/fixtures/invalid/unclosed-fence.md:8
  Hint: Close it with a line of \`\`\`. To show a fence inside a code block, open the outer block with more backquotes (\`\`\`\`).`,
  ],
  // fence attributes
  [
    'unknown-fence-attribute.md',
    ExampleSpecError,
    `✗ Unknown code block attribute \`expct\`
  File: test/fixtures/invalid/unknown-fence-attribute.md:8
  Hint: Did you mean \`expect=\`? Known attributes: file, run, app, expect, status, path, with, timeout, limits, support, session, exit, python.`,
  ],
  [
    // The output block after the rejected one belongs to it: no second error about its place.
    'several-block-errors.md',
    InvalidPostsError,
    `✗ Unknown code block attribute \`expct\`
  File: test/fixtures/invalid/several-block-errors.md:6
  Hint: Did you mean \`expect=\`? Known attributes: file, run, app, expect, status, path, with, timeout, limits, support, session, exit, python.

✗ \`timeout=2min\` is not a duration
  File: test/fixtures/invalid/several-block-errors.md:14
  Hint: Write e.g. timeout=10s or timeout=500ms.

✗ 2 errors in 1 post; no example was run
  Hint: Each error above names its file and line; fix them and build again.`,
  ],
  [
    'unterminated-quote.md',
    ExampleSpecError,
    `✗ Unterminated quote in the code block's attributes: python file=hello.py run=script expect="hello
  File: test/fixtures/invalid/unterminated-quote.md:6
  Hint: Close the quote, e.g. expect="My Own Hello World!".`,
  ],
  [
    'bad-status.md',
    ExampleSpecError,
    `✗ \`status=OK\` is not an HTTP status
  File: test/fixtures/invalid/bad-status.md:6
  Hint: Use a number from 100 to 599.`,
  ],
  [
    'bad-timeout.md',
    ExampleSpecError,
    `✗ \`timeout=2min\` is not a duration
  File: test/fixtures/invalid/bad-timeout.md:6
  Hint: Write e.g. timeout=10s or timeout=500ms.`,
  ],
  // `<!-- example … -->` annotations
  [
    'annotation-not-before-code.md',
    ExampleSpecError,
    `✗ An \`<!-- example … -->\` annotation must come directly before a code block
  File: test/fixtures/invalid/annotation-not-before-code.md:8
  Hint: Move it right above the indented or fenced block it describes (blank lines may separate them, nothing else), or remove it.`,
  ],
  [
    'annotation-on-annotated-fence.md',
    ExampleSpecError,
    `✗ This fenced block has attributes of its own and an \`<!-- example … -->\` annotation
  File: test/fixtures/invalid/annotation-on-annotated-fence.md:8
  Hint: Keep one: write the attributes after the fence's language, or remove them from it and keep the annotation.`,
  ],
  // impossible combinations
  [
    'wsgi-without-app.md',
    ExampleSpecError,
    `✗ run=wsgi needs \`app=NAME\`, the WSGI callable to host
  File: test/fixtures/invalid/wsgi-without-app.md:8
  Hint: Add e.g. app=application.`,
  ],
  [
    'app-without-wsgi.md',
    ExampleSpecError,
    `✗ \`app=\` only applies to run=wsgi (this block is run=http)
  File: test/fixtures/invalid/app-without-wsgi.md:8
  Hint: Remove app= or use run=wsgi.`,
  ],
  [
    'expect-on-run-none.md',
    ExampleSpecError,
    `✗ \`expect=\` has no effect on a block that does not run
  File: test/fixtures/invalid/expect-on-run-none.md:8
  Hint: Add run=http|wsgi|fastcgi|scgi|cgi|script|console|doctest, or remove it.`,
  ],
  [
    'run-on-console.md',
    ExampleSpecError,
    `✗ A \`console\` block cannot run=script
  File: test/fixtures/invalid/run-on-console.md:6
  Hint: run=script takes \`\`\`python, \`\`\`javascript, \`\`\`sh, \`\`\`go, \`\`\`perl blocks (or another name of their language); or use run=none.`,
  ],
  // blocks that refer to other blocks
  [
    'output-block-without-example.md',
    ExampleSpecError,
    `✗ An \`\`\`output block must directly follow an example that runs
  File: test/fixtures/invalid/output-block-without-example.md:12
  Hint: Put it right after a program example (run=script, or a server: run=http|wsgi|fastcgi|scgi|cgi), or use \`\`\`text for plain text.`,
  ],
  [
    // Both are true, and reported together: the example checks nothing, since its output block is not beside it.
    'output-block-not-adjacent.md',
    InvalidPostsError,
    `✗ Nothing to verify: this run=script example has no expect=, no output block and no exit=
  File: test/fixtures/invalid/output-block-not-adjacent.md:6
  Example: hello.py (run=script)
  Hint: Add \`expect="TEXT"\` (stdout must contain it), an \`\`\`output block after it, or \`exit=N\` (\`exit=0\` when exiting without an error is all it must do); or use run=none.

✗ An \`\`\`output block must directly follow an example that runs
  File: test/fixtures/invalid/output-block-not-adjacent.md:12
  Hint: Put it right after a program example (run=script, or a server: run=http|wsgi|fastcgi|scgi|cgi), or use \`\`\`text for plain text.

✗ 2 errors in 1 post; no example was run
  Hint: Each error above names its file and line; fix them and build again.`,
  ],
  [
    'with-unknown-file.md',
    ExampleSpecError,
    `✗ \`with=helpers.py\`: no block of this post has file=helpers.py
  File: test/fixtures/invalid/with-unknown-file.md:10
  Example: main.py (run=script)
  Hint: Add a block with file=helpers.py (mark it \`support\` to show it collapsed), or fix the name.`,
  ],
];

describe('examples/invalid-fixtures', () => {
  test.each(CASES)('rejects %s with its exact message and location', (name, kind, printed) => {
    const error = rejectionOf(name);
    expect(error).toBeInstanceOf(kind);
    expect(formatErrors(error, { debug: false, colour: false })).toBe(printed);
  });

  test.each<[name: string, printed: string]>([
    [
      'colon-in-title.md',
      `✗ Cannot read the front matter: incomplete explicit mapping pair; a key node is missed; or followed by a non-tabulated empty line
  File: test/fixtures/invalid/colon-in-title.md:2

    1 | ---
  > 2 | title: WSGI: a very simple introduction
      |            ^
    3 | date: 2024-01-02
    4 | ---

  Hint: YAML reads the \`: \` in the title as the start of another field: put the title in quotes, e.g. \`title: "WSGI: a very simple introduction"\`.`,
    ],
    [
      'unclosed-fence.md',
      `✗ This \`\`\` block is never closed; everything after line 8 is inside it
  File: test/fixtures/invalid/unclosed-fence.md:8

     6 | A block:
     7 |
  >  8 | \`\`\`python file=hello.py run=script expect="hello"
     9 | print("hello")
    10 |

  Hint: Close it with a line of \`\`\`. To show a fence inside a code block, open the outer block with more backquotes (\`\`\`\`).`,
    ],
  ])('prints %s with a code frame of the post when the project folder is known', (name, printed) => {
    expect(formatErrors(rejectionOf(name), { debug: false, colour: false, root: REPO_ROOT })).toBe(printed);
  });

  test('never evaluates JavaScript front matter', () => {
    rejectionOf('js-front-matter.md');
    expect(globalThis.__pwned).toBeUndefined();
  });

  test('has a case for every fixture file, and a fixture for every case', () => {
    const files = readdirSync(fixturePath('invalid')).filter((file) => file.endsWith('.md')).sort();
    expect(CASES.map(([name]) => name).sort()).toEqual(files);
  });
});
