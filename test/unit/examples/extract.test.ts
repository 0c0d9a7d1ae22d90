// Tests extractExamples: one Example per code block, ```output blocks, ids, file lines, with= companions,
// and the real article's nine examples.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { toPost } from '../../../src/content/post.ts';
import { ExampleSpecError, InvalidPostsError } from '../../../src/errors.ts';
import { extractExamples } from '../../../src/examples/extract.ts';
import { createMarkdown } from '../../../src/markdown/create.ts';
import { parsePost } from '../../../src/markdown/parse.ts';
import { fixturePath } from '../../helpers/project.ts';

const FRONT = '---\ntitle: Test post\nslug: test-post\ndate: 2024-01-02\n---\n';

function extract(body: string, text = FRONT + body) {
  const parsed = parsePost(createMarkdown(), toPost({ path: 'content/test-post.md', text }));
  return { parsed, ...extractExamples(parsed) };
}

function extractError(body: string): ExampleSpecError {
  try {
    extract(body);
  } catch (error) {
    if (error instanceof ExampleSpecError) return error;
    throw error;
  }
  throw new Error('expected an ExampleSpecError');
}

/** 1-based line of the first line of `text` equal to `line`. */
function lineOf(text: string, line: string, from = 0): number {
  const index = text.split('\n').indexOf(line, from);
  if (index === -1) throw new Error(`no line ${line}`);
  return index + 1;
}

describe('examples/extract', () => {
  describe('examples', () => {
    test('makes every fenced and indented block an example, with its code verbatim', () => {
      const body = [
        '',
        '```python file=hello.py run=script exit=0',
        'print("hello")   ',
        '\tindented = "tab"',
        '```',
        '',
        '```console',
        '$ python hello.py',
        '```',
        '',
        'Indented:',
        '',
        '    raw = True',
        '',
      ].join('\n');
      const { examples } = extract(body);
      expect(examples.map((example) => [example.id, example.label, example.code])).toEqual([
        ['test-post/01-hello-py', 'hello.py (run=script)', 'print("hello")   \n\tindented = "tab"\n'],
        ['test-post/02-block-console', 'console block 2 (run=none)', '$ python hello.py\n'],
        ['test-post/03-block', 'block 3 (run=none)', 'raw = True\n'],
      ]);
      expect(examples.map((example) => example.index)).toEqual([1, 2, 3]);
      expect(examples.every((example) => example.source === 'content/test-post.md' && example.slug === 'test-post')).toBe(true);
    });

    test('names ids `<slug>/NN-<name>` with two-digit numbers and path-safe names', () => {
      const blocks = Array.from({ length: 10 }, (_, i) => `\`\`\`python file=step_${i}.v2.py\nx = ${i}\n\`\`\`\n`).join('\n');
      const ids = extract(`\n${blocks}`).examples.map((example) => example.id);
      expect(ids[0]).toBe('test-post/01-step_0-v2-py');
      expect(ids[9]).toBe('test-post/10-step_9-v2-py');
      expect(new Set(ids).size).toBe(10);
    });

    test('gives each example the file line of its opening fence after the front matter', () => {
      const body = '\nIntro.\n\n```python file=a.py run=script exit=0\nprint(1)\n```\n\nMore.\n\n    indented\n';
      const text = FRONT + body;
      const { examples } = extract(body, text);
      expect(examples.map((example) => example.line)).toEqual([lineOf(text, '```python file=a.py run=script exit=0'), lineOf(text, '    indented')]);
    });

    test('gives the same file lines with CRLF line endings', () => {
      const text = `${FRONT}\nIntro.\n\n\`\`\`python file=a.py run=script exit=0\nprint(1)\n\`\`\`\n`;
      const crlf = extract('', text.replace(/\n/g, '\r\n')).examples;
      expect(crlf.map((example) => [example.line, example.code])).toEqual([[lineOf(text, '```python file=a.py run=script exit=0'), 'print(1)\n']]);
    });

    test('records the token index of each example', () => {
      const { parsed, examples, tokens } = extract('\n```python\na\n```\n\nText.\n\n```python\nb\n```\n');
      expect(tokens.map((position) => parsed.tokens[position.codeTokenIndex]?.content)).toEqual(examples.map((example) => example.code));
      expect(tokens.every((position) => position.outputTokenIndex === undefined)).toBe(true);
    });

    test('locates a bad attribute at its block', () => {
      const text = `${FRONT}\nIntro.\n\n\`\`\`python run=http statuss=404\nx\n\`\`\`\n`;
      const error = extractError(text.slice(FRONT.length));
      expect(error.location).toBe(`content/test-post.md:${lineOf(text, '```python run=http statuss=404')}`);
    });
  });

  describe('```output blocks', () => {
    test('attach to the runnable example before them and are not examples themselves', () => {
      const body = '\n```python file=hello.py run=script exit=0\nprint("a")\nprint("  b ")\n```\n```output\na\n  b \n\n```\n\n```python file=next.py run=script exit=0\nprint(1)\n```\n';
      const { parsed, examples, tokens } = extract(body);
      expect(examples.map((example) => example.id)).toEqual(['test-post/01-hello-py', 'test-post/02-next-py']);
      expect(examples[0]!.expectedOutput).toBe('a\n  b \n\n');
      expect(examples[1]!.expectedOutput).toBeUndefined();
      expect(parsed.tokens[tokens[0]!.outputTokenIndex!]?.info).toBe('output');
      expect(tokens[1]!.outputTokenIndex).toBeUndefined();
    });

    test('attach to an HTTP example too', () => {
      const { examples } = extract('\n```python file=s.py run=http\nx\n```\n\n```output\nHello world!\n```\n');
      expect(examples).toHaveLength(1);
      expect(examples[0]!.expectedOutput).toBe('Hello world!\n');
    });

    test('an annotated ```output block is an ordinary example', () => {
      const { examples } = extract('\n```output file=log.txt\nlines\n```\n');
      expect(examples.map((example) => [example.id, example.expectedOutput])).toEqual([['test-post/01-log-txt', undefined]]);
    });

    test.each([
      // [case, body]
      ['at the start of a post', '\n```output\nx\n```\n'],
      ['after a block that is only shown', '\n```python\nx\n```\n\n```output\nx\n```\n'],
      ['after prose that follows the example', '\n```python run=script exit=0\nx\n```\n\nIt prints:\n\n```output\nx\n```\n'],
      ['as a second output block', '\n```python run=script exit=0\nx\n```\n\n```output\nx\n```\n\n```output\ny\n```\n'],
    ])('are rejected %s, at the output block', (_case, body) => {
      const error = extractError(body);
      const text = FRONT + body;
      expect(error.message).toMatch(/output block/);
      expect(error.location).toBe(`content/test-post.md:${text.split('\n').lastIndexOf('```output') + 1}`);
    });
  });

  describe('with= companions', () => {
    // Three blocks share a name (as the seed's three simpletest.py do); a support file comes last.
    const body = [
      '',
      '```python file=early.py run=script exit=0 with=simpletest.py',
      'import simpletest',
      '```',
      '',
      '```python file=simpletest.py run=script exit=0',
      'VERSION = 1',
      '```',
      '',
      '```python file=after-one.py run=script exit=0 with=simpletest.py',
      'import simpletest',
      '```',
      '',
      '```python file=simpletest.py run=script exit=0',
      'VERSION = 2',
      '```',
      '',
      '```python file=simpletest.py run=script exit=0',
      'VERSION = 3',
      '```',
      '',
      '```python file=client.py run=script exit=0 with=simpletest.py,helper.py',
      'import simpletest, helper',
      '```',
      '',
      '```python file=helper.py run=none support',
      'HELP = True',
      '```',
      '',
    ].join('\n');
    const text = FRONT + body;
    const byFile = (name: string) => extract(body).examples.find((example) => example.spec.file === name)!;

    test('pick the nearest preceding block of that name', () => {
      expect(byFile('after-one.py').companions).toEqual([{ name: 'simpletest.py', code: 'VERSION = 1\n', line: lineOf(text, 'VERSION = 1') - 1 }]);
      expect(byFile('client.py').companions[0]).toEqual({ name: 'simpletest.py', code: 'VERSION = 3\n', line: lineOf(text, 'VERSION = 3') - 1 });
    });

    test('pick the first following block when none precedes', () => {
      expect(byFile('early.py').companions).toEqual([{ name: 'simpletest.py', code: 'VERSION = 1\n', line: lineOf(text, 'VERSION = 1') - 1 }]);
      expect(byFile('client.py').companions[1]).toEqual({ name: 'helper.py', code: 'HELP = True\n', line: lineOf(text, 'HELP = True') - 1 });
    });

    test('leave blocks without with= alone', () => {
      expect(byFile('helper.py').companions).toEqual([]);
    });

    test('reject a name no block has, at the example that asks for it', () => {
      const broken = '\n```python file=a.py run=script exit=0\nx\n```\n\n```python file=b.py run=script exit=0 with=a.py,c.py\ny\n```\n';
      const error = extractError(broken);
      expect(error.message).toBe('`with=c.py`: no block of this post has file=c.py');
      expect(error.example).toBe('b.py (run=script)');
      expect(error.location).toBe(`content/test-post.md:${lineOf(FRONT + broken, '```python file=b.py run=script exit=0 with=a.py,c.py')}`);
    });
  });

  describe('several bad blocks', () => {
    function errorsOf(body: string): string[] {
      try {
        extract(body);
      } catch (error) {
        if (error instanceof InvalidPostsError) return error.errors.map((each) => `${each.line} ${each.message}`);
        throw error;
      }
      throw new Error('expected an InvalidPostsError');
    }

    test('reports every bad block of a post, not only the first', () => {
      const body = [
        '', //                                                     6
        '```python file=a.py run=scrpit exit=0',
        'a',
        '```',
        '',
        '```python file=b.py run=script exit=0',
        'b',
        '```',
        '',
        '```python file=c.py run=script timeout=soon exit=0', //  15
        'c',
        '```',
        '',
        '```python file=d.py run=script exit=0 with=nothing.py', // 19
        'd',
        '```',
        '',
      ].join('\n');
      expect(errorsOf(body)).toEqual([
        '7 Unknown run kind `run=scrpit`',
        '15 `timeout=soon` is not a duration',
        '19 `with=nothing.py`: no block of this post has file=nothing.py',
      ]);
    });

    test('reports a fence that is never closed (noted while parsing) with the blocks before it', () => {
      const body = '\n```python file=a.py run=htp\nprint("a")\n```\n\nThen:\n\n```python file=b.py run=script exit=0\nprint("b")\n\n## Swallowed\n';
      expect(errorsOf(body)).toEqual(['7 Unknown run kind `run=htp`', '13 This ``` block is never closed; everything after line 13 is inside it']);
    });

    test('does not blame the output block of a rejected example for standing alone', () => {
      const body = '\n```python file=a.py run=script expct="a"\nprint("a")\n```\n\n```output\na\n```\n\n```python file=b.py run=scrpit\nb\n```\n';
      expect(errorsOf(body)).toEqual(['7 Unknown code block attribute `expct`', '15 Unknown run kind `run=scrpit`']);
    });
  });

  // The WSGI article as a Python 3 post of its own (a fixture: tests do not depend on what content/ holds).
  describe('the real article', () => {
    const file = fixturePath('sites', 'wsgi-python3', 'content', 'hello-world-with-wsgi.md');
    const articleText = readFileSync(file, 'utf8');
    const article = () => {
      const parsed = parsePost(createMarkdown(), toPost({ path: 'content/hello-world-with-wsgi.md', text: articleText }));
      return extractExamples(parsed).examples;
    };

    test('yields nine examples with the run kinds in order', () => {
      expect(article().map((example) => example.spec.run)).toEqual(['none', 'http', 'console', 'http', 'http', 'none', 'none', 'fastcgi', 'wsgi']);
    });

    test('locates each example at its opening fence', () => {
      const lines = articleText.split('\n');
      for (const example of article()) expect(lines[example.line - 1]).toMatch(/^```/);
    });

    test('gives server.fcgi the following myapplication.py and the preceding fcgi.py', () => {
      const examples = article();
      const server = examples.find((example) => example.spec.file === 'server.fcgi')!;
      expect(server.companions.map((companion) => companion.name)).toEqual(['myapplication.py', 'fcgi.py']);
      expect(server.companions[0]!.code).toBe(examples.find((example) => example.spec.file === 'myapplication.py')!.code);
      expect(server.companions[1]!.code).toBe(examples.find((example) => example.spec.file === 'fcgi.py')!.code);
    });

    test('names the three simpletest.py examples apart by number', () => {
      expect(article().filter((example) => example.spec.file === 'simpletest.py').map((example) => example.id)).toEqual([
        'a-very-simple-introduction-to-wsgi/02-simpletest-py',
        'a-very-simple-introduction-to-wsgi/04-simpletest-py',
        'a-very-simple-introduction-to-wsgi/05-simpletest-py',
      ]);
    });
  });
});
