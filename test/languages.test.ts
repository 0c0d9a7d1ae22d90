// Issue 8 (languages): a Node.js server and a shell script run in the sandbox like Python examples, each named on the page.
import { describe, expect, test } from 'vitest';
import { afterAll } from 'vitest';
import { build } from '../src/build.ts';
import { tempSite } from './helpers/project.ts';

const site = await tempSite('languages');
afterAll(site.cleanup);

describe('examples in other languages', () => {
  test('a Node.js server on its hard-coded port, a shell script and a capitalised Python fence all pass', async () => {
    const result = await build(site.config, { write: false });
    const byFile = (file: string) => result.verifications.find((verification) => verification.label.startsWith(`${file} `))!;
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
    // Perl: one file in runners/languages/ and one catalogue row; the second block runs as the session's grown fruit.pl.
    const perl = result.verifications.filter((verification) => verification.label === 'fruit.pl (run=script)');
    expect(perl.map((verification) => verification.status)).toEqual(['passed', 'passed']);
    expect(perl[1]?.record?.stdout).toBe('yellow\ngreen\n');
    expect(perl[1]?.record?.runtime.interpreter).toMatch(/^Perl v5\.\d+\.\d+$/);
    const page = String(result.files.find((file) => file.path.endsWith('index.html') && String(file.content).includes('server.js'))?.content);
    expect(page).toContain('Node.js');
  });
});
