// Interpreters per post and per block: the seed's 2006 programs verbatim on Python 2.7, a block on 3.12,
// FastCGI with flup 1.0.2 on 2.7, each recorded with its exact interpreter; a Python that is not installed
// leaves its examples "not run" with how to install it, and --strict makes that a failure.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import { ExamplesFailedError, type ProofpressError } from '../src/errors.ts';
import { formatError } from '../src/report/format-error.ts';
import { silentReporter } from '../src/report/progress.ts';
import { REPO_ROOT, tempSite } from './helpers/project.ts';
import * as tools from './helpers/tools.ts';

const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(REPO_ROOT, 'src', 'cli.ts');
const VENV_PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');

// The 2.7 and 3.12 a build on this machine finds (CI: pyenv's 2.7.18 and 3.12), by the build's own discovery.
const python27 = await tools.python('2.7');
const python312 = await tools.python('3.12');
const both = tools.allOf(python27, python312);
// The seed's server.fcgi runs behind nginx when it is installed (fastcgiFrontEnd "auto"), else the embedded client.
const nginx = await tools.nginx();
const PY27 = `Python ${python27.found?.version}`;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe.skipIf(both.skip)(`python: "2.7" and python=3.12${both.because}`, () => {
  test(`runs the seed's programs verbatim on ${PY27}, FastCGI with flup 1.0.2 behind ${nginx.found ? 'nginx' : 'the embedded client (nginx is not installed)'}, and one block on 3.12`, async () => {
    const site = await tempSite('python-versions');
    cleanups.push(site.cleanup);
    const result = await build(site.config, { write: false });
    const runs = result.verifications.filter((verification) => verification.status !== 'skipped');
    expect(runs.map((verification) => [verification.label, verification.status, verification.record?.runtime.interpreter])).toEqual([
      ['simpletest.py (run=http)', 'passed', PY27],
      ['simpletest.py (run=http)', 'passed', PY27],
      ['simpletest.py (run=http)', 'passed', PY27],
      ['server.fcgi (run=fastcgi)', 'passed', PY27],
      ['myapplication.py (run=wsgi)', 'passed', PY27],
      ['console block 7 (run=console)', 'passed', `bash, with ${PY27}`],
      ['pycon block 8 (run=doctest)', 'passed', PY27],
      ['port.py (run=http)', 'passed', `Python ${python312.found!.version}`],
    ]);
    const [demo, simple, byClass, fcgi] = runs;
    // print "…" is a statement there, and str bodies are what Python 2's wsgiref writes.
    expect(demo!.record?.serverLog).toContain('Serving HTTP on port 8000...');
    expect(demo!.record?.http?.body).toContain('Hello world!');
    expect(simple!.record?.http?.body).toBe('My Own Hello World!\n');
    expect(byClass!.record?.http?.body).toBe('My Own Hello world!\n');
    expect(fcgi!.record?.runtime.components?.flup).toBe('1.0.2');
    expect(fcgi!.record?.runtime.frontEnd).toBe(nginx.found ? `nginx ${nginx.found.version}` : 'embedded FastCGI client (proofpress)');
    expect(runs[7]!.record?.serverLog).toMatch(/Serving HTTP on port 8000 with Python 3\.12\.\.\./);
    const page = String(result.files.find((file) => file.path.endsWith('/wsgi-2006/index.html'))?.content);
    expect(page).toContain(`ran with ${PY27}`);
  });

  test('keeps one cache entry per interpreter: a warm build runs nothing again', async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), 'proofpress-python-cache-'));
    cleanups.push(() => rm(scratch, { recursive: true, force: true }));
    const site = await tempSite('python-versions', { useCache: true, cacheKeyFile: path.join(scratch, 'cache.key') });
    cleanups.push(site.cleanup);
    const cold = await build(site.config, { write: false });
    const warm = await build(site.config, { write: false });
    const runnable = (verifications: typeof cold.verifications) => verifications.filter((verification) => verification.status !== 'skipped');
    expect(runnable(cold.verifications).every((verification) => verification.status === 'passed' && !verification.cached)).toBe(true);
    expect(runnable(warm.verifications).map((verification) => [verification.cached, verification.record?.runtime.interpreter])).toEqual(
      runnable(cold.verifications).map((verification) => [true, verification.record?.runtime.interpreter]),
    );
  });
});

describe('a Python that is not installed', () => {
  test('leaves its examples not run, says how to install it, and the build passes', async () => {
    const site = await tempSite('python-missing');
    cleanups.push(site.cleanup);
    const warnings: ProofpressError[] = [];
    const result = await build(site.config, { write: false, reporter: { ...silentReporter, warning: (warning) => warnings.push(warning) } });
    expect(result.verifications).toMatchObject([
      {
        label: 'hello.py (run=script)',
        status: 'skipped',
        reason: 'Python 2.5 not found — install it (e.g. `pyenv install 2.5`) or give its path under `pythons` in proofpress.config.json',
        missingPython: '2.5',
      },
    ]);
    expect(warnings).toHaveLength(1);
    const printed = formatError(warnings[0]!, { debug: false });
    expect(printed).toContain('✗ Python 2.5 not found: 1 example is published as not run');
    expect(printed).toContain('File: content/not-installed.md:7');
    expect(printed).toContain('content/not-installed.md:7 hello.py (run=script)');
    expect(printed).toMatch(/Looked for it in `python2\.5` on PATH, .*\/versions\/2\.5\.\*/);
    expect(printed).toContain('`--strict` makes this an error');
    const page = String(result.files.find((file) => file.path.endsWith('/not-installed/index.html'))?.content);
    expect(page).toContain('Not run: Python 2.5 not found — install it (e.g. `pyenv install 2.5`)');
  });

  test('fails the build under --strict (missingInterpreter: "error"), naming each example', async () => {
    const site = await tempSite('python-missing', { missingInterpreter: 'error' });
    cleanups.push(site.cleanup);
    const error = await build(site.config, { write: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExamplesFailedError);
    const [failure] = (error as ExamplesFailedError).failures;
    expect(formatError(failure, { debug: false })).toMatchInlineSnapshot(`
      "✗ Example failed: not run: Python 2.5 not found — install it (e.g. \`pyenv install 2.5\`) or give its path under \`pythons\` in proofpress.config.json
        File: content/not-installed.md:7
        Example: hello.py (run=script)
        Hint: Install Python 2.5 on this machine, or name its path under \`pythons\` in proofpress.config.json; without --strict (missingInterpreter: "error") the example is published as not run."
    `);
  });

  test('the CLI publishes it as not run (exit 0), and `--strict` fails (exit 1)', async () => {
    const site = await tempSite('python-missing');
    cleanups.push(site.cleanup);
    const run = (...flags: string[]) => execa(TSX, [CLI, 'build', '--root', site.root, '--no-cache', ...flags], { reject: false, env: { PROOFPRESS_PYTHON: VENV_PYTHON, NO_COLOR: '1' } });
    const lenient = await run();
    expect(lenient.exitCode).toBe(0);
    expect(lenient.stderr).toContain('⚠ Python 2.5 not found: 1 example is published as not run');
    expect(lenient.stderr).toContain('Examples: 0 passed, 0 failed, 1 not run');
    const strict = await run('--strict');
    expect(strict.exitCode).toBe(1);
    expect(strict.stderr).toContain('✗ Example failed: not run: Python 2.5 not found');
    expect(strict.stderr).toContain('✗ 1 of 1 examples failed; the site was not written');
  });
});
