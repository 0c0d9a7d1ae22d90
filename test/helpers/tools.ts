// Test helper: the optional machine tools some tests need (nginx, fcgiwrap, Go, Perl, curl, Chromium, other
// Pythons, PyPI), each found exactly as proofpress finds it, so a test never runs a different tool than a
// build would, nor skips one a build would use. A missing tool skips the tests that need it, the reason in
// their names and once on stderr: the README calls these tools optional, so `npm test` passes without them.
// CI wants every test to run: PROOFPRESS_REQUIRE_TOOLS (set by .ci/run) makes a missing tool a failure.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { resolveConfig } from '../../src/config/resolve.ts';
import { languageOf } from '../../src/examples/catalogue.ts';
import type { Example } from '../../src/examples/extract.ts';
import { type FcgiwrapInstall, findFcgiwrap } from '../../src/runners/cgi/fcgiwrap.ts';
import { findNginx, type NginxInstall } from '../../src/runners/fastcgi/nginx.ts';
import { goLanguage } from '../../src/runners/languages/go.ts';
import { perlLanguage } from '../../src/runners/languages/perl.ts';
import { discoverPython } from '../../src/runners/python-discovery.ts';
import type { PythonRuntime } from '../../src/runners/python-runtime.ts';
import { REPO_ROOT } from './project.ts';

/**
 * `1` (or `all`): every tool below is required, and a missing one fails each test file that needs it instead of
 * skipping them. Or a comma-separated list of tool names (`nginx,chromium,python2.7`).
 */
export const REQUIRE_TOOLS = 'PROOFPRESS_REQUIRE_TOOLS';

/** What one lookup found: the tool, or why it is missing and how to install it. */
export interface Probe<T> {
  /** The tool's name as PROOFPRESS_REQUIRE_TOOLS lists it: `nginx`, `python2.7`. */
  name: string;
  found: T | undefined;
  /** Set when `found` is undefined: what is missing, where proofpress looked, how to install it. */
  missing?: string;
  /** Set when `found` is: what was found, for the overview in test/tools.test.ts. */
  describe?: string;
}

/** A tool as a test file uses it. */
export interface Tool<T> extends Probe<T> {
  /** For `test.skipIf` / `describe.skipIf`: missing and not required by this run. */
  skip: boolean;
  /** Appended to the names of the tests that need the tool: `` when it is there, ` (skipped: …)` when not. */
  because: string;
}

/** Whether this run requires `name` (PROOFPRESS_REQUIRE_TOOLS). */
export function required(name: string, env = process.env): boolean {
  const value = (env[REQUIRE_TOOLS] ?? '').trim();
  if (value === '' || value === '0') return false;
  if (value === '1' || value === 'all') return true;
  return value.split(',').map((item) => item.trim()).includes(name);
}

const warned = new Set<string>();

/**
 * A probe as tests use it. Missing and required: throws, so the test file fails at once naming the tool
 * (rather than its tests failing later on whatever the missing tool would have done). Missing and optional:
 * says so once per test file on stderr, where vitest shows it beside the file.
 */
export function settle<T>(probe: Probe<T>): Tool<T> {
  if (probe.found !== undefined) return { ...probe, skip: false, because: '' };
  const missing = probe.missing ?? `${probe.name} is missing`;
  if (required(probe.name)) {
    throw new Error(`${missing}. ${REQUIRE_TOOLS}=${process.env[REQUIRE_TOOLS]} (set by .ci/run) requires ${probe.name}: the tests that need it must run, not be skipped.`);
  }
  if (!warned.has(probe.name)) {
    warned.add(probe.name);
    console.warn(`⚠ Tests that need ${probe.name} are skipped: ${missing}. (${REQUIRE_TOOLS}=1 makes this a failure.)`);
  }
  return { ...probe, missing, skip: true, because: ` (skipped: ${missing})` };
}

/** Several tools a test needs at once: skipped when any is, naming each that is missing. */
export function allOf(...tools: Tool<unknown>[]): { skip: boolean; because: string } {
  const missing = tools.filter((tool) => tool.skip).map((tool) => tool.missing);
  return { skip: missing.length > 0, because: missing.length > 0 ? ` (skipped: ${missing.join('; ')})` : '' };
}

// --- nginx and fcgiwrap: the engine's own finders (well-known paths, then PATH, each run for its version).

export async function probeNginx(): Promise<Probe<NginxInstall>> {
  const found = await findNginx();
  return found
    ? { name: 'nginx', found, describe: `nginx ${found.version} at ${found.executable}` }
    : { name: 'nginx', found, missing: 'nginx is not installed (proofpress looks in /usr/sbin, /usr/local and on PATH; apt-get install nginx)' };
}

/** nginx as the FastCGI, SCGI and CGI runners find it: the one every test that needs nginx runs. */
export async function nginx(): Promise<Tool<NginxInstall>> {
  return settle(await probeNginx());
}

export async function probeFcgiwrap(): Promise<Probe<FcgiwrapInstall>> {
  const found = await findFcgiwrap();
  return found
    ? { name: 'fcgiwrap', found, describe: `fcgiwrap ${found.version} at ${found.executable}` }
    : { name: 'fcgiwrap', found, missing: 'fcgiwrap is not installed (proofpress looks in /usr/sbin, /usr/local, /opt/homebrew and on PATH; apt-get install fcgiwrap)' };
}

/** fcgiwrap as the CGI runner finds it. */
export async function fcgiwrap(): Promise<Tool<FcgiwrapInstall>> {
  return settle(await probeFcgiwrap());
}

// --- Go and Perl: the language runners' own answer (`none` when the runner finds nothing).

/** The Go toolchain the Go runner uses: `go1.26.8` and `linux/amd64`. */
export interface GoInstall {
  version: string;
  platform: string;
}

export async function probeGo(): Promise<Probe<GoInstall>> {
  const answer = await goLanguage.version!();
  const [version, platform] = answer.split(' ');
  return version && platform && answer !== 'none'
    ? { name: 'go', found: { version, platform }, describe: `Go ${answer}` }
    : { name: 'go', found: undefined, missing: 'Go is not installed (proofpress uses `go` on PATH, else /usr/local/go/bin/go; see https://go.dev/doc/install)' };
}

/** Go as the Go runner finds it. */
export async function go(): Promise<Tool<GoInstall>> {
  return settle(await probeGo());
}

export async function probePerl(): Promise<Probe<{ version: string }>> {
  const version = await perlLanguage.version!();
  return version !== 'none'
    ? { name: 'perl', found: { version }, describe: `Perl ${version} at /usr/bin/perl` }
    : { name: 'perl', found: undefined, missing: 'Perl is not installed at /usr/bin/perl, where the Perl runner runs it (apt-get install perl)' };
}

/** Perl as the Perl runner finds it (`v5.36.0`). */
export async function perl(): Promise<Tool<{ version: string }>> {
  return settle(await probePerl());
}

// --- curl: proofpress does not look for it; a console session's `curl` is whatever the sandbox's PATH holds.

// The folders every example's PATH lists after the post's Python and Node.js (exampleEnv in src/runners/sandbox.ts).
const SANDBOX_PATH = ['/usr/local/bin', '/usr/bin', '/bin'];

export async function probeCurl(): Promise<Probe<{ executable: string }>> {
  for (const dir of SANDBOX_PATH) {
    const executable = path.join(dir, 'curl');
    if (await access(executable, constants.X_OK).then(() => true, () => false)) return { name: 'curl', found: { executable }, describe: `curl at ${executable}` };
  }
  return { name: 'curl', found: undefined, missing: `curl is not in ${SANDBOX_PATH.join(', ')}, the folders of an example's PATH (apt-get install curl)` };
}

/** curl as a console session in the sandbox finds it. */
export async function curl(): Promise<Tool<{ executable: string }>> {
  return settle(await probeCurl());
}

// --- Chromium: Debian's package, driven through playwright-core by the browser tests.

/** Where the browser tests find Chromium (Debian's `chromium`; .ci/run installs it). Not imported from
 * ./chromium.ts: that loads playwright-core (~0.5 s), which every test file using this helper would pay. */
export const CHROMIUM = '/usr/bin/chromium';

export async function probeChromium(): Promise<Probe<{ executable: string }>> {
  return (await access(CHROMIUM, constants.X_OK).then(() => true, () => false))
    ? { name: 'chromium', found: { executable: CHROMIUM }, describe: `Chromium at ${CHROMIUM}` }
    : { name: 'chromium', found: undefined, missing: `Chromium is missing at ${CHROMIUM}, so the browser tests cannot run (apt-get install chromium)` };
}

/** The Chromium the browser tests launch. */
export async function chromium(): Promise<Tool<{ executable: string }>> {
  return settle(await probeChromium());
}

// --- Other Pythons: the build's discovery (the config's `pythons`, `pythonX.Y` on PATH, pyenv's versions).

// Each version is looked up once per test file (discovery runs each candidate): a file may ask once per example.
const pythonProbes = new Map<string, Promise<Probe<PythonRuntime>>>();

export function probePythonVersion(prefix: string): Promise<Probe<PythonRuntime>> {
  let probe = pythonProbes.get(prefix);
  if (!probe) pythonProbes.set(prefix, (probe = discover(prefix)));
  return probe;
}

async function discover(prefix: string): Promise<Probe<PythonRuntime>> {
  // The repository's config and environment, as `npm run build` resolves them; no fixture names `pythons`.
  const config = resolveConfig(REPO_ROOT, { useCache: false });
  const discovery = await discoverPython(prefix, { explicit: config.pythons, ...config.pythonSearch });
  const name = `python${prefix}`;
  if ('runtime' in discovery) return { name, found: discovery.runtime, describe: `Python ${discovery.runtime.version} at ${discovery.runtime.executable}` };
  const where = `\`${name}\` on PATH and ${path.join(config.pythonSearch.pyenvRoot, 'versions')}/${prefix}.*`;
  return { name, found: undefined, missing: `Python ${prefix} is not installed (proofpress looks for ${where}; e.g. \`pyenv install ${prefix}\`)` };
}

/** The interpreter a post's `python: "2.7"` (or a block's `python=3.12`) runs on in a build on this machine. */
export async function python(prefix: string): Promise<Tool<PythonRuntime>> {
  return settle(await probePythonVersion(prefix));
}

// --- PyPI: proofpress installs posts' requirements with pip, so ask pip (its index, proxy and find-links settings).

let pypiProbe: Promise<Probe<{ index: string }>> | undefined;

export function probePypi(): Promise<Probe<{ index: string }>> {
  pypiProbe ??= askPip();
  return pypiProbe;
}

async function askPip(): Promise<Probe<{ index: string }>> {
  // The project's venv (`npm run setup` makes it) has pip; any pip reads the same configuration.
  const pip = await execa(path.join(REPO_ROOT, '.venv', 'bin', 'python'), ['-m', 'pip', 'index', 'versions', 'flask', '--retries', '0', '--timeout', '10', '--disable-pip-version-check'], {
    reject: false,
    stdin: 'ignore',
    timeout: 30_000,
    all: true,
  });
  if (pip.exitCode === 0 && /^flask \(/m.test(String(pip.stdout))) return { name: 'pypi', found: { index: 'PyPI' }, describe: 'PyPI answers pip (`pip index versions flask`)' };
  const said = String(pip.all ?? '').split('\n').filter((line) => line.startsWith('ERROR')).join(' ') || `exit ${pip.exitCode}`;
  return { name: 'pypi', found: undefined, missing: `pip cannot reach PyPI (\`pip index versions flask\`: ${said}), so Flask and FastAPI cannot be installed` };
}

/** PyPI as pip reaches it from this machine. */
export async function pypi(): Promise<Tool<{ index: string }>> {
  return settle(await probePypi());
}

// --- What one example needs, for tests that run whatever a folder of posts holds (test/articles.test.ts).

/**
 * The optional tools `example` runs with, found as above: the Python its block or post names (`python=2.7`), Go or
 * Perl for blocks in those languages, nginx for run=scgi and run=cgi (and fcgiwrap for CGI), curl for a session
 * that calls it. run=fastcgi needs nothing here: without nginx it runs through the embedded client.
 */
export async function neededBy(example: Example): Promise<Tool<unknown>[]> {
  if (example.spec.run === 'none') return [];
  const needed: Promise<Tool<unknown>>[] = [];
  const language = languageOf(example.spec.lang);
  if (example.spec.python !== undefined && (language === undefined || language === 'python')) needed.push(python(example.spec.python));
  if (language === 'go') needed.push(go());
  if (language === 'perl') needed.push(perl());
  if (example.spec.run === 'scgi' || example.spec.run === 'cgi') needed.push(nginx());
  if (example.spec.run === 'cgi') needed.push(fcgiwrap());
  if (example.spec.run === 'console' && /(^|[\s|;&(])curl\s/m.test(example.code)) needed.push(curl());
  return Promise.all(needed);
}
