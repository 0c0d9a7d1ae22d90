// Whole builds, in memory and on disk, and the CLI's behaviour on failure, on secrets and without Python.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import { resolveConfig } from '../src/config/resolve.ts';
import { ExamplesFailedError } from '../src/errors.ts';
import { pidsMatching } from './helpers/processes.ts';
import { fixturePath, REPO_ROOT, tempSite } from './helpers/project.ts';
import * as tools from './helpers/tools.ts';

const VENV_PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(REPO_ROOT, 'src', 'cli.ts');
// nginx is optional (the embedded client serves FastCGI without it): the case that demands it is skipped, saying why.
const nginx = await tools.nginx();
const FRONT_ENDS = [
  { frontEnd: 'nginx' as const, skip: nginx.skip, because: nginx.because },
  { frontEnd: 'embedded' as const, skip: false, because: '' },
];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A temp project holding the WSGI article as a Python 3 post (the wsgi-python3 fixture), or the given files. */
async function tempProject(files?: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'proofpress-build-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  if (files) {
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, name)), { recursive: true });
      await writeFile(path.join(root, name), text);
    }
  } else {
    // A fixture, not content/: these tests must not change with the posts the blog publishes.
    await cp(fixturePath('sites', 'wsgi-python3', 'content'), path.join(root, 'content'), { recursive: true });
  }
  return root;
}

/** Run the CLI like a user would; the environment is ours plus `env`. */
function runCli(root: string, env: Record<string, string> = {}) {
  return execa(TSX, [CLI, 'build', '--root', root, '--no-cache'], {
    reject: false,
    env: { PROOFPRESS_PYTHON: VENV_PYTHON, NO_COLOR: '1', ...env },
  });
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('build', () => {
  test('publishes the WSGI article with its examples really run and passed', async () => {
    const config = resolveConfig(await tempProject(), { useCache: false, pythonOverride: VENV_PYTHON });
    const result = await build(config, { write: false });
    const page = result.files.find((file) => file.path.endsWith('a-very-simple-introduction-to-wsgi/index.html'));
    const html = String(page?.content);
    expect(html.match(/data-example-status="passed"/g)?.length).toBeGreaterThanOrEqual(4);
    // The captured responses are the real ones: simple_app, SimpleApp (lower-case w) and demo_app.
    expect(html).toContain('My Own Hello World!');
    expect(html).toContain('My Own Hello world!');
    expect(html).toMatch(/Hello world!\n\n[A-Z_]+ = /);
    expect(html).toContain('HTTP/1.0 200 OK');
    expect(result.verifications.filter((v) => v.status === 'failed')).toEqual([]);
  });

  test('checks exact output blocks and declared HTTP statuses', async () => {
    const site = await tempSite('output-block');
    cleanups.push(site.cleanup);
    const result = await build(site.config, { write: false });
    expect(result.verifications.map((v) => [v.label, v.status])).toEqual([
      ['count.py (run=script)', 'passed'],
      ['missing.py (run=http)', 'passed'],
    ]);
    expect(result.verifications[1]?.record?.http?.body).toBe('no such page: /nowhere');
  });

  test('fails with the example located at file:line and leaves the previous site untouched', async () => {
    const site = await tempSite('failing');
    cleanups.push(site.cleanup);
    await mkdir(site.config.outDir, { recursive: true });
    await writeFile(path.join(site.config.outDir, 'index.html'), 'the previous site');
    const error = await build(site.config).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExamplesFailedError);
    const failures = (error as ExamplesFailedError).failures;
    expect(failures.map((failure) => [failure.location, failure.example])).toEqual([['content/broken-hello.md:9', 'app.py (run=http)']]);
    expect(failures[0]?.details.join('\n')).toContain('- Hello, reader!\n+ Goodbye!');
    expect(await readdir(site.config.outDir)).toEqual(['index.html']);
    expect(await readFile(path.join(site.config.outDir, 'index.html'), 'utf8')).toBe('the previous site');
  });

  for (const { frontEnd, skip, because } of FRONT_ENDS) {
    test.skipIf(skip)(`fails server.fcgi and myapplication.py at their lines when myapplication breaks (FastCGI via ${frontEnd})${because}`, async () => {
      const root = await tempProject();
      const file = path.join(root, 'content', 'hello-world-with-wsgi.md');
      const text = await readFile(file, 'utf8');
      const lines = text.split('\n');
      const appStart = lines.findIndex((l) => l.includes('file=myapplication.py'));
      // Break only myapplication.py's text: the last `My Own Hello World!` body in the post.
      lines[lines.findIndex((l, i) => i > appStart && l.includes("b'My Own Hello World!\\n'"))] = "    return [b'Something else\\n']";
      await writeFile(file, lines.join('\n'));
      const config = resolveConfig(root, { useCache: false, pythonOverride: VENV_PYTHON, fastcgiFrontEnd: frontEnd });
      const error = (await build(config, { write: false }).catch((caught: unknown) => caught)) as ExamplesFailedError;
      expect(error).toBeInstanceOf(ExamplesFailedError);
      const fcgiLine = lines.findIndex((l) => l.includes('file=server.fcgi')) + 1;
      expect(error.failures.map((failure) => [failure.location, failure.example])).toEqual([
        [`content/hello-world-with-wsgi.md:${fcgiLine}`, 'server.fcgi (run=fastcgi)'],
        [`content/hello-world-with-wsgi.md:${appStart + 1}`, 'myapplication.py (run=wsgi)'],
      ]);
      expect(error.failures[0]?.details.join('\n')).toContain('+ Something else');
    });
  }

  test('renders the verbatim 2006 seed, its unannotated code shown as plain labelled code', async () => {
    const root = await tempProject({ 'content/hello-world-with-wsgi.md': await readFile(fixturePath('seed-verbatim', 'hello-world-with-wsgi.md'), 'utf8') });
    const result = await build(resolveConfig(root, { useCache: false }), { write: false });
    const html = String(result.files.find((file) => file.path.endsWith('/index.html') && file.path.includes('2006'))?.content);
    expect(html).toContain('&#39;Hello World&#39; with WSGI');
    expect(html).toContain('href="/tags/tech/"');
    expect(html.match(/data-example-status="skipped"/g)?.length).toBe(7);
    expect(html).not.toContain('data-example-status="passed"');
    // Shown as plain code labelled by kind, without author markup (readers: not-run blocks just look like code).
    expect(html.match(/<span class="example-kind">code<\/span>/g)?.length).toBe(7);
    expect(html).not.toContain('no run= attribute');
  });
});

describe('cli build', () => {
  test('exits non-zero naming content/…md:LINE when simple_app returns another text, and keeps site/', async () => {
    const root = await tempProject();
    const file = path.join(root, 'content', 'hello-world-with-wsgi.md');
    const text = await readFile(file, 'utf8');
    const changed = text.replace("return [b'My Own Hello World!\\n']", "return [b'My Own Goodbye World!\\n']");
    expect(changed).not.toBe(text);
    await writeFile(file, changed);
    await mkdir(path.join(root, 'site'));
    await writeFile(path.join(root, 'site', 'index.html'), 'previous');
    const line = text.split('\n').findIndex((l) => l.includes('run=http expect="My Own Hello World!"')) + 1;

    const result = await runCli(root);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('✗ Example failed: expected the HTTP body to contain "My Own Hello World!"');
    expect(result.stderr).toContain(`File: content/hello-world-with-wsgi.md:${line}`);
    expect(result.stderr).toContain('Example: simpletest.py (run=http)');
    expect(result.stderr).toContain('- My Own Hello World!\n  + My Own Goodbye World!');
    expect(result.stderr).toContain('Serving HTTP on port 8000...');
    expect(result.stderr).toContain('1 of 9 examples failed; the site was not written');
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(await readdir(path.join(root, 'site'))).toEqual(['index.html']);

    // A failed build writes no snippets either: they are replaced together with site/, only on success.
    expect(existsSync(path.join(root, 'snippets'))).toBe(false);
  });

  test('writes snippets that each verify one example on its own, with the build\'s verdict', async () => {
    const root = await tempProject();
    const built = await runCli(root);
    expect(built.exitCode, built.stderr).toBe(0);
    // Snippets import the engine by package name, from the project's node_modules, where `npm install` puts it.
    await mkdir(path.join(root, 'node_modules'));
    await symlink(REPO_ROOT, path.join(root, 'node_modules', 'proofpress'));
    const snippets = path.join(root, 'snippets', 'a-very-simple-introduction-to-wsgi');
    const passing = await execa(TSX, [path.join(snippets, '05-simpletest-py.ts')], { reject: false, env: { PROOFPRESS_PYTHON: VENV_PYTHON } });
    expect(passing.exitCode, passing.stderr).toBe(0);
    expect(passing.stdout).toMatch(/simpletest\.py \(run=http\): Verified: ran with Python 3\.\d+\.\d+/);
    // The snippet embeds the example: the same code changed in the snippet fails, naming the post's line.
    const snippet = path.join(snippets, '04-simpletest-py.ts');
    await writeFile(snippet, (await readFile(snippet, 'utf8')).replace('My Own Hello World!\\\\n', 'My Own Goodbye World!\\\\n'));
    const failing = await execa(TSX, [snippet], { reject: false, env: { PROOFPRESS_PYTHON: VENV_PYTHON, NO_COLOR: '1' } });
    expect(failing.exitCode, failing.stdout).toBe(1);
    expect(failing.stderr).toMatch(/File: content\/hello-world-with-wsgi\.md:\d+/);
  });

  test('prints each failure with location, code frame, diff, server log and hint, then one summary with every count', async () => {
    const site = await tempSite('failing');
    cleanups.push(site.cleanup);
    const result = await execa(TSX, [CLI, 'build', '--root', site.root, '--quiet'], { reject: false, env: { PROOFPRESS_PYTHON: VENV_PYTHON, NO_COLOR: '1' } });
    expect(result.exitCode).toBe(1);
    const normalised = result.stderr
      .replace(/\[\d{2}\/\w{3}\/\d{4} [\d:]+\]/g, '[DATE]')
      .replace(/ \d+ ms/g, ' N ms');
    expect(normalised).toMatchInlineSnapshot(`
      "  ✗ content/broken-hello.md:9 app.py (run=http) — failed N ms
      ✗ Example failed: expected the HTTP body to contain "Hello, reader!"
        File: content/broken-hello.md:9
        Example: app.py (run=http)

           7 | The server below says goodbye, but the post promises a greeting.
           8 |
        >  9 | \`\`\`python file=app.py run=http expect="Hello, reader!"
          10 | from wsgiref.simple_server import make_server
          11 |

        Expected (-) vs actual (+):
        - Hello, reader!
        + Goodbye!
        Server log (last lines):
        127.0.0.1 - - [DATE] "GET / HTTP/1.1" 200 9
        Hint: Fix the code or its expectation at content/broken-hello.md:9, then build again (\`npx tsx snippets/broken-hello/01-app-py.ts\` verifies it alone after a successful build).

      ✗ 1 of 2 examples failed; the site was not written
        Examples: 1 passed, 1 failed, 0 not run, 0 cached
        Hint: Each failure above names its file and line. The previous site/ is unchanged."
    `);
  });

  test('keeps secrets of the build environment out of site/ and snippets/', async () => {
    const root = await tempProject();
    const secrets = { AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY', GITHUB_TOKEN: 'ghp_proofpressTestTokenValue123' };
    // Sandboxes go under the project's own tmp/, so only this build's processes can match below.
    const sandboxes = path.join(root, 'tmp');
    await mkdir(sandboxes);
    const result = await runCli(root, { ...secrets, TMPDIR: sandboxes });
    expect(result.exitCode, result.stderr).toBe(0);
    const files = [...(await listFiles(path.join(root, 'site'))), ...(await listFiles(path.join(root, 'snippets')))];
    expect(files.length).toBeGreaterThan(5);
    // No example process (Python, nginx) outlives the build: none runs in or names a proofpress sandbox.
    expect(pidsMatching(sandboxes)).toEqual([]);
    const page = await readFile(files.find((f) => f.includes('a-very-simple-introduction-to-wsgi/index.html'))!, 'utf8');
    expect(page).toContain('PYTHONUNBUFFERED'); // demo_app's environment listing is published ...
    for (const file of files) {
      const content = await readFile(file, 'utf8');
      for (const [name, value] of Object.entries(secrets)) {
        expect(content, file).not.toContain(value); // ... but nothing of the build's environment
        expect(content, file).not.toContain(name);
      }
    }
  });

  test('says clearly that Python is missing, without a stack trace', async () => {
    const root = await tempProject();
    const result = await runCli(root, { PROOFPRESS_PYTHON: '/nonexistent/python3' });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('✗ Python 3 was not found: proofpress runs the Python examples of posts with it');
    expect(result.stderr).toContain('Hint: Install Python 3');
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});

describe('build with onExampleFailure: "warn"', () => {
  test('publishes the failed example marked failed and reports it as a warning with its location', async () => {
    const site = await tempSite('failing', { onExampleFailure: 'warn' });
    cleanups.push(site.cleanup);
    const warnings: string[] = [];
    const result = await build(site.config, {
      write: false,
      reporter: { step: () => {}, example: () => {}, info: () => {}, warning: (error) => warnings.push(`${error.location} ${error.message}`) },
    });
    expect(warnings).toEqual(['content/broken-hello.md:9 Example failed: expected the HTTP body to contain "Hello, reader!"']);
    const page = String(result.files.find((file) => file.path.includes('broken-hello'))?.content);
    expect(page).toContain('data-example-status="failed"');
    expect(page).toContain('Goodbye!');
  });
});
