// What a reader gets for one example: title, badge, copy button and its text, line numbers, runtime, output, companions.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Example } from '../../../src/examples/extract.ts';
import { parseFenceInfo } from '../../../src/examples/fence-info.ts';
import type { RunRecord } from '../../../src/runners/types.ts';
import { renderExampleFigure } from '../../../src/render/example-figure.ts';
import { type CodeHighlighter, createCodeHighlighter } from '../../../src/render/highlight.ts';
import type { Verification } from '../../../src/verify/types.ts';
import { defaultSandbox } from '../../helpers/examples.ts';

let highlighter: CodeHighlighter;
beforeAll(async () => {
  highlighter = await createCodeHighlighter(['python', 'console']);
});
afterAll(() => highlighter.dispose());

const SIMPLETEST = "from wsgiref.simple_server import make_server, demo_app\n\nhttpd = make_server('', 8000, demo_app)\nhttpd.serve_forever()\n";

function example(info: string, code: string, extra: Partial<Example> = {}): Example {
  const spec = parseFenceInfo(info, { file: 'content/post.md', line: 10 });
  return { id: 'post/01-x', index: 1, source: 'content/post.md', slug: 'post', line: 10, code, spec, companions: [], preceding: [], label: spec.file ?? 'block', sandbox: defaultSandbox(), ...extra };
}

function record(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    http: { statusLine: 'HTTP/1.0 200 OK', status: 200, headers: [['Content-type', 'text/plain']], body: 'Hello world!\n' },
    serverLog: 'Serving HTTP on port 8000...\n127.0.0.1 - - "GET / HTTP/1.1" 200 13\n',
    startedAt: '2026-11-24T21:09:30.123Z',
    durationMs: 219,
    runtime: { interpreter: 'Python 3.11.7', gateway: 'HTTP server started by simpletest.py' },
    ...overrides,
  };
}

function verification(status: Verification['status'], overrides: Partial<Verification> = {}): Verification {
  return {
    exampleId: 'post/01-x',
    source: 'content/post.md',
    line: 10,
    label: 'x',
    status,
    failures: [],
    cached: false,
    ...(status === 'skipped' ? { reason: 'shown only (run=none)' } : { record: record() }),
    ...overrides,
  };
}

function render(ex: Example, v: Verification, pageExamples: Example[] = [ex]): string {
  return renderExampleFigure({ example: ex, verification: v, highlighter, pageExamples });
}

/** The text a browser reads from the figure's copy template (entities decoded). */
function copyTemplateText(figure: string): string {
  const match = /<template class="copy-text">([\s\S]*?)<\/template>/.exec(figure);
  if (!match) throw new Error('no copy template in figure');
  const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
  return match[1]!.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => entities[entity]!);
}

describe('render/example-figure', () => {
  test('titles the figure with its file name and badges its status', () => {
    const figure = render(example('python file=simpletest.py run=http', SIMPLETEST), verification('passed'));
    expect(figure).toContain('<span class="example-title"><span class="example-file">simpletest.py</span> <span class="badge badge-passed">verified</span></span>');
    expect(figure).toContain('data-example-status="passed"');
  });

  test('puts the code exactly as run, final newline included, in the copy template', () => {
    const code = 'print("<b>&\'</b>")   \n\n# trailing spaces above are kept\n';
    const figure = render(example('python file=a.py run=script', code), verification('passed'));
    expect(copyTemplateText(figure)).toBe(code);
  });

  test('gives a console block only its commands to copy', () => {
    const figure = render(example('console run=none', '$ sudo easy_install wsgiref\nInstalled.\n'), verification('skipped'));
    expect(copyTemplateText(figure)).toBe('sudo easy_install wsgiref');
  });

  test('names the copy button after the file and hides it until the script runs', () => {
    const figure = render(example('python file=simpletest.py run=http', SIMPLETEST), verification('passed'));
    expect(figure).toContain(
      '<span class="copy" hidden><span class="copy-status" role="status"></span><button type="button" class="copy-button">Copy<span class="visually-hidden"> simpletest.py</span></button></span>',
    );
  });

  test('numbers the lines of code without an empty last line, but not of console transcripts', () => {
    const code = render(example('python file=simpletest.py run=http', SIMPLETEST), verification('passed'));
    expect(code).toMatch(/<pre class="[^"]*line-numbers"[^>]*--line-digits:2"/);
    expect(code.match(/<span class="line">/g)).toHaveLength(4);
    const transcript = render(example('console run=none', '$ python simpletest.py\n'), verification('skipped'));
    expect(transcript).not.toContain('line-numbers');
  });

  test('escapes markup in captured output and expected output', () => {
    const markup = '<script>alert("x")</script> & <b>bold</b>\n';
    const ex = example('python file=markup.py run=script', 'print(...)\n', { expectedOutput: markup });
    const figure = render(ex, verification('passed', { record: record({ http: undefined, stdout: markup, exitCode: 0, serverLog: markup }) }));
    expect(figure).not.toContain('<script>');
    expect(figure).not.toContain('<b>bold');
    expect(figure).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(figure).toContain('<summary>Captured output <span class="summary-hint">exit code 0</span></summary>');
    expect(figure).toContain('Standard output (exit code 0)');
  });

  test('shows the HTTP response as the client received it and the server console separately', () => {
    const figure = render(example('python file=simpletest.py run=http', SIMPLETEST), verification('passed'));
    expect(figure).toContain('<summary>Captured output <span class="summary-hint">HTTP/1.0 200 OK</span></summary>');
    expect(figure).toContain('HTTP response to GET /, as the client received it</p><pre class="output"><code>HTTP/1.0 200 OK\nContent-type: text/plain\n\nHello world!\n</code>');
    expect(figure).toContain('<p class="output-label">Server console</p><pre class="output"><code>Serving HTTP on port 8000...');
    expect(figure).toContain('<details class="example-output">');
  });

  test('opens the output panel of a failed example and shows the diff', () => {
    const failed = verification('failed', { reason: 'body does not contain "Hi"', diff: '-Hi\n+Hello world!' });
    const figure = render(example('python file=simpletest.py run=http expect=Hi', SIMPLETEST), failed);
    expect(figure).toContain('<details class="example-output" open>');
    expect(figure).toContain('<strong>Failed (body does not contain &quot;Hi&quot;)</strong>');
    expect(figure).toContain('-Hi\n+Hello world!');
  });

  test('names what ran it: Python, gateway, front end and each component once', () => {
    const runtime = { interpreter: 'Python 3.11.7', gateway: 'FastCGI server server.fcgi', frontEnd: 'nginx 1.22.1', components: { flup: '1.0.3', nginx: '1.22.1' } };
    const figure = render(example('python file=server.fcgi run=fastcgi', 'x\n'), verification('passed', { record: record({ runtime }) }));
    expect(figure).toContain(
      '<p class="verification"><strong>Verified</strong>: ran with Python 3.11.7 · FastCGI server server.fcgi · front end: nginx 1.22.1 · flup 1.0.3 on <time datetime="2026-11-24T21:09:30.123Z">2026-11-24 21:09 UTC</time> in 219 ms.</p>',
    );
  });

  test('lists the with= files that ran beside an example, linking to their figures', () => {
    const app = example('python file=myapplication.py run=wsgi app=app support', 'app = None\n', { index: 9, line: 164 });
    const shim = example('python file=fcgi.py run=none support', 'from flup.server.fcgi import WSGIServer\n', { index: 7, line: 144 });
    const server = example('python file=server.fcgi run=fastcgi with=myapplication.py,fcgi.py', 'x\n', {
      index: 8,
      line: 153,
      companions: [
        { name: 'myapplication.py', code: app.code, line: 164 },
        { name: 'fcgi.py', code: shim.code, line: 144 },
      ],
    });
    const page = [shim, server, app];
    expect(render(server, verification('passed'), page)).toContain(
      '<p class="companions">Ran with <a href="#example-9"><code>myapplication.py</code></a> and <a href="#example-7"><code>fcgi.py</code></a> beside it.</p>',
    );
    const support = render(shim, verification('skipped'), page);
    expect(support).toMatch(/^<details class="support-file"><summary><strong>Support file<\/strong> <code>fcgi.py<\/code> · used by <code>server.fcgi<\/code> <span class="example-kind">code<\/span><\/summary>\n<figure class="example" id="example-7"/);
  });

  test('shows a run=none block as plain code labelled by its kind, with no status and nothing captured', () => {
    const figure = render(example('console run=none', '$ ls\n'), verification('skipped'));
    expect(figure).toContain('<figcaption class="example-head"><span class="example-title"> <span class="example-kind">command</span></span>');
    expect(figure).not.toContain('class="verification"');
    expect(figure).not.toContain('not run');
    expect(figure).not.toContain('example-output');
  });

  test.each([
    ['console run=none', 'command'],
    ['output run=none', 'output'],
    ['python run=none', 'code'],
    ['python file=app.py run=none', 'code'],
  ])('labels the shown-only block `%s` as %s', (info, kind) => {
    expect(render(example(info, 'x\n'), verification('skipped'))).toContain(`<span class="example-kind">${kind}</span>`);
  });

  test('says why a runnable example did not run (a missing interpreter)', () => {
    const figure = render(example('python file=old.py run=script', 'print 1\n'), { ...verification('skipped'), reason: 'Python 2.5 not found' });
    expect(figure).toContain('<p class="verification">Not run: Python 2.5 not found.</p>');
    expect(figure).toContain('<span class="badge badge-skipped">not run</span>');
  });

  describe('a support block that runs only beside another example (with=)', () => {
    const support = example('python file=myapplication.py support', 'app = None\n', { line: 4 });
    const user = example('python file=server.fcgi run=fastcgi with=myapplication.py', '#!/usr/bin/env python\n', { index: 2, line: 20, companions: [{ name: 'myapplication.py', code: 'app = None\n', line: 4 }] });
    const figure = (status: Verification['status']) =>
      renderExampleFigure({ example: support, verification: verification('skipped'), highlighter, pageExamples: [support, user], ranWith: [{ example: user, verification: verification(status) }] });

    test('is verified with the example that ran it, linked, instead of "not run"', () => {
      const html = figure('passed');
      expect(html).toContain('<span class="badge badge-passed">verified with server.fcgi</span>');
      expect(html).toContain('Ran beside <a href="#example-2"><code>server.fcgi</code></a> (verified)');
      expect(html).not.toContain('not run');
    });

    test('fails with it', () => {
      expect(figure('failed')).toContain('<span class="badge badge-failed">failed with server.fcgi</span>');
    });
  });
});
