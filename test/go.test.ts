// Go examples: the tutorials' programs build and run in the sandbox as shown, a compile error is located at its block, and the shared build cache stays read-only.
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import { ExamplesFailedError } from '../src/errors.ts';
import { toolchainVersions } from '../src/runners/languages.ts';
import { tempSite } from './helpers/project.ts';
import * as tools from './helpers/tools.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(() => Promise.all(cleanups.map((cleanup) => cleanup())));

async function site(name: string) {
  // strict: what these tests check (a read-only cache among them) holds in namespaces; CI has them.
  const made = await tempSite(name, { isolation: 'strict' });
  cleanups.push(made.cleanup);
  return made;
}

// The Go the Go runner finds (`go` on PATH, else /usr/local/go): optional, so without it these tests are skipped, saying why.
const go = await tools.go();
const goVersion = go.found?.version ?? '';

describe.skipIf(go.skip)(`Go examples${go.because}`, () => {
  // On a machine that has never run a Go example, the first build compiles the standard library into
  // proofpress's cache first (~30 s on two cores, more when they are busy).
  test('the wiki tutorial server answers /monkeys and the getting-started program prints its greeting, each named with its Go', { timeout: 300_000 }, async () => {
    const { config } = await site('go');
    const result = await build(config, { write: false });
    const byFile = (file: string) => result.verifications.find((verification) => verification.label.startsWith(`${file} `))!;
    expect(byFile('main.go')).toMatchObject({ status: 'passed', source: 'content/writing-web-applications.md', line: 11 });
    expect(byFile('main.go').record?.http?.body).toBe('Hi there, I love monkeys!');
    expect(byFile('main.go').record?.runtime.interpreter).toBe(`Go ${goVersion.replace(/^go/, '')}`);
    expect(byFile('hello.go')).toMatchObject({ status: 'passed' });
    expect(byFile('hello.go').record?.stdout).toBe('Hello, World!\n');
    const page = String(result.files.find((file) => file.path.endsWith('index.html') && String(file.content).includes('I love monkeys'))?.content);
    expect(page).toContain(`Go ${goVersion.replace(/^go/, '')}`);
  });

  test('a program that does not compile fails at its block with the compiler’s message', async () => {
    const { config } = await site('go-does-not-compile');
    const error = await build(config, { write: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExamplesFailedError);
    const [failure] = (error as ExamplesFailedError).failures;
    expect([failure?.location, failure?.example]).toEqual(['content/typo.md:7', 'main.go (run=script)']);
    expect(failure?.details.join('\n')).toContain('./main.go:6:6: undefined: fmt.Printn');
  });

  test('an example cannot write the build cache that later examples read', async () => {
    const { config } = await site('go-cache-readonly');
    const result = await build(config, { write: false });
    expect(result.verifications.map((verification) => verification.status)).toEqual(['passed']);
  });

  test('the verification cache’s fingerprint names the Go version, so upgrading Go re-runs cached examples', async () => {
    // Asked of go itself, where the README says proofpress finds it (`go` on PATH, else /usr/local/go), not of the
    // runner whose answer the fingerprint is made of.
    const asked = await execa('go', ['env', 'GOVERSION'], { env: { GOTOOLCHAIN: 'local', PATH: `${process.env.PATH ?? ''}:/usr/local/go/bin` } });
    expect(String(asked.stdout).trim()).toBe(goVersion);
    expect(await toolchainVersions()).toContainEqual(expect.stringMatching(new RegExp(`^go: ${goVersion} \\w+/\\w+$`)));
  });
});
