// Tests reading other engines' info strings: the examples of their own documentation, what proofpress honours, what it warns about.
import { describe, expect, test } from 'vitest';
import { ExampleSpecError } from '../../../src/errors.ts';
import { type ExampleSpec, parseFenceInfo } from '../../../src/examples/fence-info.ts';
import { specWarnings } from '../../../src/examples/foreign-attributes.ts';
import { formatError } from '../../../src/report/format-error.ts';

const WHERE = { file: 'content/post.md', line: 42 };

type Reading = Pick<ExampleSpec, 'lang' | 'file' | 'display' | 'warnings'>;

function read(info: string): Reading {
  const { lang, file, display, warnings } = parseFenceInfo(info, WHERE);
  return { lang, file, display, warnings };
}

function specError(info: string): ExampleSpecError {
  try {
    parseFenceInfo(info, WHERE);
  } catch (error) {
    if (error instanceof ExampleSpecError) return error;
    throw error;
  }
  throw new Error(`expected ${info} to be rejected`);
}

const NONE = { highlight: [] };

describe('examples/foreign-attributes', () => {
  describe("other engines' syntax, as their documentation writes it", () => {
    test.each<[string, Reading]>([
      // mkdocs-material, "Code blocks" (squidfunk/mkdocs-material docs/reference/code-blocks.md; pymdownx.highlight options)
      ['py title="bubble_sort.py"', { lang: 'py', file: 'bubble_sort.py', display: NONE, warnings: [] }],
      ['py linenums="1"', { lang: 'py', file: undefined, display: { highlight: [], lineNumbersFrom: 1 }, warnings: [] }],
      ['py hl_lines="2 3"', { lang: 'py', file: undefined, display: { highlight: [2, 3] }, warnings: [] }],
      ['py linenums="1" hl_lines="2 3"', { lang: 'py', file: undefined, display: { highlight: [2, 3], lineNumbersFrom: 1 }, warnings: [] }],
      ['py hl_lines="3-5"', { lang: 'py', file: undefined, display: { highlight: [3, 4, 5] }, warnings: [] }],
      // pymdownx.superfences: `linenums="START [STEP [SPECIAL]]"` (pymdownx/superfences.py RE_LINENUMS)
      ['py linenums="1 2"', { lang: 'py', file: undefined, display: { highlight: [], lineNumbersFrom: 1 }, warnings: ['`linenums="1 2"`: proofpress numbers every line; 2 ignored'] }],
      // attr_list form, as pymdownx and Python-Markdown read it: the first class is the language
      ['{ .python hl_lines="1 3" }', { lang: 'python', file: undefined, display: { highlight: [1, 3] }, warnings: [] }],
      ['{ .yaml .annotate }', { lang: 'yaml', file: undefined, display: NONE, warnings: ['`.annotate` is a class proofpress does not use; ignored'] }],

      // Hugo, "Syntax highlighting" (gohugo.io/content-management/syntax-highlighting): braces, spaces or commas, keys in any case
      [
        'go {linenos=inline hl_lines=[3,"6-8"] style=emacs}',
        { lang: 'go', file: undefined, display: { highlight: [3, 6, 7, 8], lineNumbersFrom: 1 }, warnings: ['`style=emacs` is a Hugo attribute proofpress does not use; ignored'] },
      ],
      ['go {linenos=table,hl_lines=[8,"15-17"],linenostart=199}', { lang: 'go', file: undefined, display: { highlight: [8, 15, 16, 17], lineNumbersFrom: 199 }, warnings: [] }],
      ['go {lineNos=true lineNoStart=10}', { lang: 'go', file: undefined, display: { highlight: [], lineNumbersFrom: 10 }, warnings: [] }],
      ['go {linenos=false}', { lang: 'go', file: undefined, display: NONE, warnings: ['`linenos=false`: proofpress numbers the lines of every code block; ignored'] }],
      ['go {anchorLineNos=true}', { lang: 'go', file: undefined, display: NONE, warnings: ['`anchorLineNos=true` is a Hugo attribute proofpress does not use; ignored'] }],

      // Docusaurus, "Code blocks" (docusaurus.io/docs/markdown-features/code-blocks; theme-common codeBlockUtils.ts)
      ['jsx title="/src/components/HelloCodeTitle.js"', {
        lang: 'jsx',
        file: 'HelloCodeTitle.js',
        display: NONE,
        warnings: ['`title="/src/components/HelloCodeTitle.js"`: the block is named HelloCodeTitle.js, without its folders (proofpress saves and runs it under a plain file name)'],
      }],
      ['jsx {1,4-6,11}', { lang: 'jsx', file: undefined, display: { highlight: [1, 4, 5, 6, 11] }, warnings: [] }],
      ['jsx showLineNumbers', { lang: 'jsx', file: undefined, display: { highlight: [], lineNumbersFrom: 1 }, warnings: [] }],
      ['jsx showLineNumbers=5', { lang: 'jsx', file: undefined, display: { highlight: [], lineNumbersFrom: 5 }, warnings: [] }],
      ["jsx title='app.jsx' {2} showLineNumbers", { lang: 'jsx', file: 'app.jsx', display: { highlight: [2], lineNumbersFrom: 1 }, warnings: [] }],
      ['jsx live', { lang: 'jsx', file: undefined, display: NONE, warnings: ['`live` is a Docusaurus attribute proofpress does not use; ignored'] }],

      // VitePress, "Markdown extensions" (vitepress.dev/guide/markdown; src/node/markdown/plugins/lineNumbers.ts, preWrapper.ts)
      ['js{4}', { lang: 'js', file: undefined, display: { highlight: [4] }, warnings: [] }],
      ['js{1,4,6-8}', { lang: 'js', file: undefined, display: { highlight: [1, 4, 6, 7, 8] }, warnings: [] }],
      ['ts:line-numbers {1}', { lang: 'ts', file: undefined, display: { highlight: [1], lineNumbersFrom: 1 }, warnings: [] }],
      ['ts:line-numbers=2 {1}', { lang: 'ts', file: undefined, display: { highlight: [1], lineNumbersFrom: 2 }, warnings: [] }],
      ['ts:no-line-numbers', { lang: 'ts', file: undefined, display: NONE, warnings: ['`:no-line-numbers` (VitePress): proofpress numbers the lines of every code block; ignored'] }],
      ['js [config.js]', { lang: 'js', file: 'config.js', display: NONE, warnings: [] }],

      // Pandoc, "Fenced code blocks" (pandoc.org/MANUAL.html#extension-fenced_code_attributes): numberLines or number-lines, startFrom
      [
        '{#mycode .haskell .numberLines startFrom="100"}',
        { lang: 'haskell', file: undefined, display: { highlight: [], lineNumbersFrom: 100 }, warnings: ['`#mycode` (an element id) is not used by proofpress; ignored'] },
      ],
      ['{.python .number-lines}', { lang: 'python', file: undefined, display: { highlight: [], lineNumbersFrom: 1 }, warnings: [] }],
      ['haskell {.numberLines}', { lang: 'haskell', file: undefined, display: { highlight: [], lineNumbersFrom: 1 }, warnings: [] }],

      // Zola, "Syntax highlighting" annotations (getzola.org; components/markdown/src/codeblock/fence.rs): comma-separated
      ['rust,linenos', { lang: 'rust', file: undefined, display: { highlight: [], lineNumbersFrom: 1 }, warnings: [] }],
      ['rust,linenos,linenostart=20', { lang: 'rust', file: undefined, display: { highlight: [], lineNumbersFrom: 20 }, warnings: [] }],
      ['rust,hl_lines=1 3-5 9', { lang: 'rust', file: undefined, display: { highlight: [1, 3, 4, 5, 9] }, warnings: [] }],
      ['rust,hl_lines=1 3,linenostart=5', { lang: 'rust', file: undefined, display: { highlight: [1, 3], lineNumbersFrom: 5 }, warnings: [] }],
      ['rust,name=mod.rs', { lang: 'rust', file: 'mod.rs', display: NONE, warnings: [] }],
      ['rust,hide_lines=1-2', { lang: 'rust', file: undefined, display: NONE, warnings: ['`hide_lines=1-2` (Zola) would hide lines that run: proofpress shows every line of an example; ignored'] }],

      // proofpress attributes beside them, and a capitalised language as other engines' Markdown writes it
      ['Python title="main.py" hl_lines="2" run=script expect="hi"', { lang: 'Python', file: 'main.py', display: { highlight: [2] }, warnings: [] }],
      ['{.python file=a.py}', { lang: 'python', file: 'a.py', display: NONE, warnings: [] }],
      ['python run=script with=a.py,b.py {2}', { lang: 'python', file: undefined, display: { highlight: [2] }, warnings: [] }],
    ])('%s', (info, reading) => {
      expect(read(info)).toEqual(reading);
    });
  });

  describe('what cannot be honoured is a warning', () => {
    test.each<[string, string[]]>([
      // a title that is not a file name
      ['py title="Code block with highlighted lines"', ['`title="Code block with highlighted lines"` is not a file name, and proofpress titles a block with its file name; ignored']],
      ['py title=""', ['`title=""` gives no title; ignored']],
      // attributes no engine here defines, and values that name no lines
      ['python foo=1', ['`foo=1` is not an attribute proofpress knows; ignored']],
      ['python {.class}', ['`.class` is a class proofpress does not use; ignored']],
      ['py hl_lines="two"', ['`hl_lines="two"` does not name lines (write e.g. hl_lines="2 4-6"); ignored']],
      ['py hl_lines="0"', ['`hl_lines="0"` does not name lines (write e.g. hl_lines="2 4-6"); ignored']],
      ['py hl_lines="1-99999"', ['`hl_lines="1-99999"` does not name lines (write e.g. hl_lines="2 4-6"); ignored']],
      ['go {linenostart=L120}', ['`linenostart=L120` is not a line number; ignored']],
      ['go {linenos=sometimes}', ['`linenos=sometimes` is not true, false, inline or table; ignored']],
      ['js:focus', ['`:focus` after the language is not something proofpress knows; ignored']],
    ])('%s', (info, warnings) => {
      expect(read(info).warnings).toEqual(warnings);
    });

    test('warnings become located errors naming the block, for the build to print', () => {
      const spec = parseFenceInfo('go {style=emacs}', WHERE);
      const [warning] = specWarnings([{ source: 'content/post.md', line: 42, label: 'go block 1 (run=none)', spec }]);
      expect(formatError(warning, { debug: false })).toMatchInlineSnapshot(`
        "✗ \`style=emacs\` is a Hugo attribute proofpress does not use; ignored
          File: content/post.md:42
          Example: go block 1 (run=none)"
      `);
    });
  });

  describe('what would silently check nothing, or contradicts itself, is an error', () => {
    test.each<[string, string, string]>([
      // misspelled proofpress attributes: a check that is not read would publish an unchecked example as verified
      ['python run=script expct="hi"', 'Unknown code block attribute `expct`', 'Did you mean `expect=`?'],
      ['python run=script epxect="hi"', 'Unknown code block attribute `epxect`', 'Did you mean `expect=`?'],
      ['python run=script expected="hi"', 'Unknown code block attribute `expected`', 'Did you mean `expect=`?'],
      ['python run=http tiemout=5s', 'Unknown code block attribute `tiemout`', 'Did you mean `timeout=`?'],
      ['python Run=script', 'Unknown code block attribute `Run`', 'Did you mean `run=`?'],
      ['python file=a.py suport', 'Unknown code block attribute `suport`', 'Did you mean `support`?'],
      ['{.python expct="hi"}', 'Unknown code block attribute `expct`', 'Did you mean `expect=`?'],
      // two names, two starts, one attribute twice
      ['python title="main.py" file=main.py', '`title="main.py"` and `file=main.py` both name the block', 'Keep file='],
      ['rust,name=a.rs title="b.rs"', '`name=a.rs` and `title="b.rs"` both name the block', 'Keep one'],
      ['py linenums="1" {linenostart=5}', 'Line numbers start at 1 (`linenums="1"`) and at 5 (`linenostart=5`)', 'Keep one'],
      ['py hl_lines="1" hl_lines="2"', 'Attribute `hl_lines` is given twice', 'Keep one'],
      // an attribute list left open, like an unterminated quote
      ['go {linenos=table', "Unclosed `{` in the code block's attributes: go {linenos=table", 'Close it'],
    ])('rejects %s with file and line', (info, message, hint) => {
      const error = specError(info);
      expect(error.message).toBe(message);
      expect(error.location).toBe('content/post.md:42');
      expect(error.hint).toContain(hint);
    });
  });
});
