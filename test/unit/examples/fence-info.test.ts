// Tests parseFenceInfo: the attribute syntax of code blocks, its defaults, and located errors for bad input.
import { describe, expect, test } from 'vitest';
import { ExampleSpecError } from '../../../src/errors.ts';
import { type ExampleSpec, isHttpKind, parseDuration, parseFenceInfo, tokenizeInfo } from '../../../src/examples/fence-info.ts';
import { formatError } from '../../../src/report/format-error.ts';

const WHERE = { file: 'content/post.md', line: 42 };

const DEFAULTS: ExampleSpec = {
  lang: '',
  file: undefined,
  run: 'none',
  app: undefined,
  expect: undefined,
  status: 200,
  path: '/',
  with: [],
  timeoutMs: undefined,
  support: false,
  session: undefined,
  exitCode: undefined,
  display: { highlight: [] },
  warnings: [],
  annotated: false,
};

function specError(info: string): ExampleSpecError {
  try {
    parseFenceInfo(info, WHERE);
  } catch (error) {
    if (error instanceof ExampleSpecError) return error;
    throw error;
  }
  throw new Error(`expected ${info} to be rejected`);
}

describe('examples/fence-info', () => {
  describe('valid info strings', () => {
    test.each<[string, Partial<ExampleSpec>]>([
      // no attributes: shown, not run, not annotated
      ['', {}],
      ['python', { lang: 'python' }],
      ['output', { lang: 'output' }],
      ['  python  ', { lang: 'python' }],
      // the article's blocks
      ['console run=none', { lang: 'console', annotated: true }],
      ['python file=simpletest.py run=http expect="Hello world!"', { lang: 'python', file: 'simpletest.py', run: 'http', expect: 'Hello world!', annotated: true }],
      ['python file=fcgi.py run=none support', { lang: 'python', file: 'fcgi.py', support: true, annotated: true }],
      [
        'python file=server.fcgi run=fastcgi with=myapplication.py,fcgi.py expect="My Own Hello World!"',
        { lang: 'python', file: 'server.fcgi', run: 'fastcgi', with: ['myapplication.py', 'fcgi.py'], expect: 'My Own Hello World!', annotated: true },
      ],
      ['python file=myapplication.py run=wsgi app=app support', { lang: 'python', file: 'myapplication.py', run: 'wsgi', app: 'app', support: true, annotated: true }],
      // quoting
      ['python run=http expect="My Own Hello World!"', { lang: 'python', run: 'http', expect: 'My Own Hello World!', annotated: true }],
      ['python run=http expect="say \\"hi\\""', { lang: 'python', run: 'http', expect: 'say "hi"', annotated: true }],
      ["python run=http expect='it is \"fine\"'", { lang: 'python', run: 'http', expect: 'it is "fine"', annotated: true }],
      ["python run=http expect='it\\'s'", { lang: 'python', run: 'http', expect: "it's", annotated: true }],
      ['python run=http expect="back\\\\slash"', { lang: 'python', run: 'http', expect: 'back\\slash', annotated: true }],
      ['python run=http expect=Hello"  World"', { lang: 'python', run: 'http', expect: 'Hello  World', annotated: true }],
      ['python run=http expect=a=b', { lang: 'python', run: 'http', expect: 'a=b', annotated: true }],
      // status, path and the other runnable languages
      ['py run=http status=404 path=/missing', { lang: 'py', run: 'http', status: 404, path: '/missing', annotated: true }],
      ['python3 run=script expect=done', { lang: 'python3', run: 'script', expect: 'done', annotated: true }],
      ['python run=http path="/a b?c=1"', { lang: 'python', run: 'http', path: '/a b?c=1', annotated: true }],
      // timeouts
      ['python run=http timeout=10s', { lang: 'python', run: 'http', timeoutMs: 10_000, annotated: true }],
      ['python run=http timeout=500ms', { lang: 'python', run: 'http', timeoutMs: 500, annotated: true }],
      ['python run=http timeout=2', { lang: 'python', run: 'http', timeoutMs: 2000, annotated: true }],
      ['python run=http timeout=1.5s', { lang: 'python', run: 'http', timeoutMs: 1500, annotated: true }],
      // with=
      ['python file=c.py run=script with=a.py,b.py', { lang: 'python', file: 'c.py', run: 'script', with: ['a.py', 'b.py'], annotated: true }],
      ['python run=script with="a.py, b.py,"', { lang: 'python', run: 'script', with: ['a.py', 'b.py'], annotated: true }],
      // attributes without a language
      ['file=notes.txt', { file: 'notes.txt', annotated: true }],
      // attributes of other engines: ignored with a warning (foreign-attributes.test.ts has the rest)
      ['python foo=1', { lang: 'python', warnings: ['`foo=1` is not an attribute proofpress knows; ignored'] }],
      ['python {.class}', { lang: 'python', warnings: ['`.class` is a class proofpress does not use; ignored'] }],
      // session= and exit=
      ['python file=app.py run=wsgi app=app session=flask', { lang: 'python', file: 'app.py', run: 'wsgi', app: 'app', session: 'flask', annotated: true }],
      ['python run=script exit=2', { lang: 'python', run: 'script', exitCode: 2, annotated: true }],
      // python= chooses the interpreter: a version prefix
      ['python file=simpletest.py run=http python=2.7', { lang: 'python', file: 'simpletest.py', run: 'http', python: '2.7', annotated: true }],
      ['python run=script python=3 exit=0', { lang: 'python', run: 'script', python: '3', exitCode: 0, annotated: true }],
      ['console run=console python=3.12.1 expect=hi', { lang: 'console', run: 'console', python: '3.12.1', expect: 'hi', annotated: true }],
    ])('%s', (info, fields) => {
      expect(parseFenceInfo(info, WHERE)).toEqual({ ...DEFAULTS, ...fields });
    });
  });

  describe('invalid info strings', () => {
    test.each<[string, string]>([
      // syntax
      ['python expect="unterminated', 'Unterminated quote in the code block\'s attributes: python expect="unterminated'],
      ["python expect='open", "Unterminated quote in the code block's attributes: python expect='open"],
      ['python run=http run=script', 'Attribute `run` is given twice'],
      ['python file', 'Attribute `file` needs a value'],
      ['python support=yes', 'Attribute `support` is a flag and takes no value'],
      // run kinds and languages
      ['python run=docker', 'Unknown run kind `run=docker`'],
      ['console run=http', 'A `console` block cannot run=http'],
      ['run=script', 'A `plain` block cannot run=script'],
      // impossible combinations
      ['python expect=hi', '`expect=` has no effect on a block that does not run'],
      ['python run=none status=200', '`status=` has no effect on a block that does not run'],
      ['python run=none timeout=5s', '`timeout=` has no effect on a block that does not run'],
      ['python run=none with=a.py', '`with=` has no effect on a block that does not run'],
      ['python run=wsgi', 'run=wsgi needs `app=NAME`, the WSGI callable to host'],
      ['python run=http app=application', '`app=` only applies to run=wsgi (this block is run=http)'],
      ['python run=script status=200', '`status=` and `path=` apply to HTTP examples, not run=script'],
      ['python run=script path=/x', '`status=` and `path=` apply to HTTP examples, not run=script'],
      ['python run=fastcgi', 'run=fastcgi needs `file=NAME` (the script the web server launches)'],
      ['python file=a.py run=script with=b.py,a.py', '`with=` names the block\'s own file a.py'],
      // values
      ['python run=http status=abc', '`status=abc` is not an HTTP status'],
      ['python run=http status=99', '`status=99` is not an HTTP status'],
      ['python run=http status=600', '`status=600` is not an HTTP status'],
      ['python run=http status=200.5', '`status=200.5` is not an HTTP status'],
      ['python run=http path=hello', '`path=hello` must start with /'],
      ['python run=http timeout=10m', '`timeout=10m` is not a duration'],
      ['python run=http timeout=0', '`timeout=0` is not a duration'],
      ['python run=http timeout=-1s', '`timeout=-1s` is not a duration'],
      ['python file=../secret.py', '`file=../secret.py` is not a plain file name'],
      ['python file=dir/a.py', '`file=dir/a.py` is not a plain file name'],
      ['python file=.hidden', '`file=.hidden` is not a plain file name'],
      ['python run=script exit=300', '`exit=300` is not an exit code'],
      ['console run=console exit=1', '`exit=` applies to run=script and run=doctest (this block is run=console)'],
      ['python run=script session=a/b', '`session=a/b` is not a plain name'],
      ['pycon run=doctest status=200', '`status=` and `path=` apply to HTTP examples, not run=doctest'],
      ['python run=http python=py27', '`python=py27` is not a Python version'],
      ['python run=http python=2.7.18.1', '`python=2.7.18.1` is not a Python version'],
      ['python run=http python=', '`python=` is not a Python version'],
      ['python run=none python=2.7', '`python=` has no effect on a block that does not run'],
    ])('rejects %s with file and line', (info, message) => {
      const error = specError(info);
      expect(error.message).toBe(message);
      expect(error.location).toBe('content/post.md:42');
      expect(error.hint).toBeTruthy();
    });

    test('rejects an unknown attribute with file, line and the known ones', () => {
      expect(formatError(specError('python file=a.py run=http expct="Hello"'), { debug: false })).toMatchInlineSnapshot(`
        "✗ Unknown code block attribute \`expct\`
          File: content/post.md:42
          Hint: Did you mean \`expect=\`? Known attributes: file, run, app, expect, status, path, with, timeout, limits, support, session, exit, python."
      `);
    });

    test('asks whether a misspelt run kind meant a known one', () => {
      expect(specError('python file=a.py run=htp').hint).toBe('Did you mean `run=http`? Use one of: http, wsgi, fastcgi, scgi, cgi, script, console, doctest, none.');
      expect(specError('python run=docker').hint).toBe('Use one of: http, wsgi, fastcgi, scgi, cgi, script, console, doctest, none.');
    });
  });

  describe('tokenizeInfo', () => {
    test.each<[string, string[]]>([
      ['', []],
      ['python', ['python']],
      ['python   run=http\tfile=a.py', ['python', 'run=http', 'file=a.py']],
      ['python expect="a b"', ['python', 'expect="a b"']],
      ["python expect='a b' support", ['python', "expect='a b'", 'support']],
      ['python expect="a \\" b"', ['python', 'expect="a \\" b"']],
    ])('%j', (info, words) => {
      expect(tokenizeInfo(info, WHERE)).toEqual(words);
    });
  });

  describe('parseDuration', () => {
    test.each<[string, number | undefined]>([
      // units
      ['10s', 10_000],
      ['500ms', 500],
      ['2', 2000],
      ['0.25s', 250],
      ['1.5', 1500],
      // not durations
      ['10m', undefined],
      ['s', undefined],
      ['-1', undefined],
      ['', undefined],
      ['1 s', undefined],
    ])('%j → %s', (text, ms) => {
      expect(parseDuration(text)).toBe(ms);
    });
  });

  test.each([
    ['http', true],
    ['wsgi', true],
    ['fastcgi', true],
    ['script', false],
    ['none', false],
  ] as const)('isHttpKind(%s) is %s', (kind, http) => {
    expect(isHttpKind(kind)).toBe(http);
  });
});
