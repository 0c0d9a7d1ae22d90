// Issue 8 (languages): a Node.js server and a shell script run in the sandbox like Python examples, each named on the page.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../src/build.ts';
import { tempSite } from './helpers/project.ts';
import * as tools from './helpers/tools.ts';

// Perl is optional (the Perl runner runs /usr/bin/perl): without it the fixture's Perl post is left out of the
// build, which would otherwise fail on it, and the Perl test is skipped, saying why.
const perl = await tools.perl();
const site = await tempSite('languages');
afterAll(site.cleanup);

let result: BuildResult;
beforeAll(async () => {
  if (perl.skip) await rm(path.join(site.root, 'content', 'perl.md'));
  result = await build(site.config, { write: false });
});

const byFile = (file: string) => result.verifications.find((verification) => verification.label.startsWith(`${file} `))!;

describe('examples in other languages', () => {
  test('a Node.js server on its hard-coded port, a shell script and a capitalised Python fence all pass', () => {
    expect(byFile('server.js')).toMatchObject({ status: 'passed' });
    expect(byFile('server.js').record?.http?.body).toBe('Hello World');
    expect(byFile('server.js').record?.runtime.interpreter).toBe(`Node.js ${process.versions.node}`);
    expect(byFile('server.js').record?.serverLog).toContain('Server running at http://127.0.0.1:3000/');
    expect(byFile('server.mjs')).toMatchObject({ status: 'passed' });
    expect(byFile('server.mjs').record?.http?.body).toBe('Hello World');
    expect(byFile('count.sh')).toMatchObject({ status: 'passed' });
    expect(byFile('count.sh').record?.runtime.interpreter).toBe('POSIX sh (/bin/sh)');
    expect(byFile('hello.py')).toMatchObject({ status: 'passed' });
    expect(byFile('hello.py').record?.runtime.interpreter).toMatch(/^Python 3\./);
    const page = String(result.files.find((file) => file.path.endsWith('index.html') && String(file.content).includes('server.js'))?.content);
    expect(page).toContain('Node.js');
  });

  test.skipIf(perl.skip)(`Perl: one file in runners/languages/ and one catalogue row; the second block runs as the session's grown fruit.pl${perl.because}`, () => {
    const runs = result.verifications.filter((verification) => verification.label === 'fruit.pl (run=script)');
    expect(runs.map((verification) => verification.status)).toEqual(['passed', 'passed']);
    expect(runs[1]?.record?.stdout).toBe('yellow\ngreen\n');
    expect(runs[1]?.record?.runtime.interpreter).toBe(`Perl ${perl.found!.version}`);
    expect(runs[1]?.record?.runtime.interpreter).toMatch(/^Perl v5\.\d+\.\d+$/);
  });
});
