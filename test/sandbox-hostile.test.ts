// Issue 7: a post of hostile examples, built with secrets planted in the build's environment and home,
// leaks nothing, writes nothing outside its examples' folders, leaves no process, and each failure says what stopped it.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { detectIsolation } from '../src/runners/sandbox/isolation.ts';
import { pidsMatching } from './helpers/processes.ts';
import { REPO_ROOT, tempSite } from './helpers/project.ts';

const CANARY = `canary-${randomBytes(8).toString('hex')}`;
const MARKER = `hostile-${randomBytes(6).toString('hex')}`;
const namespaces = (await detectIsolation('auto')).mode === 'namespaces';

interface Built {
  root: string;
  home: string;
  exitCode: number;
  terminal: string;
  verifications: { label: string; status: string; reason?: string; record?: { stdout?: string; http?: { body: string } } }[];
  filesBefore: string[];
}

let built: Built;
let cleanup = async () => {};
let hostServer: http.Server;

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name), base) : [path.relative(base, path.join(dir, entry.name))])));
  return nested.flat().sort();
}

beforeAll(async () => {
  if (!namespaces) return;
  hostServer = http.createServer((_request, response) => response.end(`host secret ${CANARY}`));
  await new Promise<void>((resolve) => hostServer.listen(0, '127.0.0.1', resolve));
  const site = await tempSite('hostile');
  cleanup = site.cleanup;
  const post = path.join(site.root, 'content', 'hostile.md');
  const text = await readFile(post, 'utf8');
  await writeFile(post, text.replaceAll('HOST_PORT', String((hostServer.address() as AddressInfo).port)).replaceAll('MARKER', MARKER));
  const home = path.join(site.root, 'home');
  for (const [file, secret] of [['.ssh/id_rsa', `-----BEGIN KEY----- ${CANARY}`], ['.aws/credentials', `aws_secret_access_key = ${CANARY}`]] as const) {
    await mkdir(path.dirname(path.join(home, file)), { recursive: true });
    await writeFile(path.join(home, file), secret);
  }
  const filesBefore = await listFiles(site.root);
  const result = await execa(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [path.join(REPO_ROOT, 'src', 'cli.ts'), 'build', '--root', site.root, '--isolation', 'strict'], {
    reject: false,
    all: true,
    env: { HOME: home, AWS_SECRET_ACCESS_KEY: CANARY, GITHUB_TOKEN: CANARY, PROOFPRESS_PYTHON: path.join(REPO_ROOT, '.venv', 'bin', 'python'), NO_COLOR: '1' },
  });
  const verifications = JSON.parse(await readFile(path.join(site.root, 'site', 'verification.json'), 'utf8').catch(() => '[]'));
  built = { root: site.root, home, exitCode: result.exitCode ?? -1, terminal: String(result.all), verifications, filesBefore };
}, 180_000);

afterAll(async () => {
  hostServer?.close();
  await cleanup();
});

const byFile = (file: string) => built.verifications.find((verification) => verification.label.startsWith(`${file} `))!;

describe.skipIf(!namespaces)('sandbox: a post of hostile examples', () => {
  test('builds, publishing its failures (onExampleFailure: warn)', () => {
    expect(built.exitCode, built.terminal).toBe(0);
    expect(built.verifications).toHaveLength(12);
  });

  test('no canary reaches the site, the snippets, the cache or the terminal', async () => {
    expect(built.terminal).not.toContain(CANARY);
    for (const folder of ['site', 'snippets', '.proofpress-cache']) {
      const files = await listFiles(path.join(built.root, folder));
      expect(files.length, folder).toBeGreaterThan(0);
      for (const file of files) expect(await readFile(path.join(built.root, folder, file), 'utf8'), `${folder}/${file}`).not.toContain(CANARY);
    }
  });

  test("an example's parent is the sandbox's, with the allow-listed environment only", () => {
    const environ = byFile('environ.py');
    expect(environ.status).toBe('passed');
    expect(environ.record?.stdout).toContain('PATH=/opt/venv/bin:');
    expect(environ.record?.stdout).not.toMatch(/AWS_SECRET|GITHUB_TOKEN|PROOFPRESS_PYTHON/);
  });

  test('the home, ~/.ssh, /root and /etc/shadow of the build are not visible', () => {
    const home = byFile('home.py');
    expect(home.status).toBe('passed');
    expect(home.record?.stdout).toContain('~/.ssh/id_rsa [Errno 2]');
    expect(home.record?.stdout).toContain('/etc/shadow [Errno 2]');
  });

  test('nothing is written outside the example folder: not the project, its cache, the host /tmp or the home', async () => {
    expect(byFile('writes.py').record?.stdout).not.toContain('wrote ../');
    const after = await listFiles(built.root);
    const added = after.filter((file) => !built.filesBefore.includes(file) && !/^(site|snippets|\.proofpress-cache)\//.test(file));
    expect(added).toEqual([]);
    expect(existsSync(`/tmp/${MARKER}`)).toBe(false);
    expect(after.some((file) => file.includes(MARKER))).toBe(false);
  });

  test("the host's 127.0.0.1 services are unreachable", () => {
    const host = byFile('host.py');
    expect(host.status).toBe('passed');
    expect(host.record?.stdout).toContain('Connection refused');
  });

  test('a double-forked daemon and a server that ignores SIGTERM do not survive the build', async () => {
    expect(byFile('daemon.py').status).toBe('passed');
    expect(byFile('stubborn.py').status).toBe('passed');
    expect(pidsMatching(`${MARKER}-SLEEP`)).toEqual([]);
    expect(pidsMatching('stubborn.py')).toEqual([]);
    expect(pidsMatching('forks.py')).toEqual([]);
  });

  test('each limit breach names what stopped it', () => {
    expect(byFile('memory.py')).toMatchObject({ status: 'failed', reason: 'stopped: exceeded 512 MiB of memory' });
    expect(byFile('forks.py')).toMatchObject({ status: 'failed', reason: 'stopped: exceeded 64 processes' });
    expect(byFile('floods.py')).toMatchObject({ status: 'failed', reason: 'stopped: printed more than 1024 KiB of output' });
    expect(byFile('spins.py')).toMatchObject({ status: 'failed', reason: 'stopped: exceeded 1 s of CPU time' });
    expect(byFile('fills.py')).toMatchObject({ status: 'failed', reason: 'stopped: exceeded the file size limit of 1 MiB' });
  });

  test('output printed to the terminal cannot carry escape sequences', () => {
    expect(byFile('escapes.py').status).toBe('failed');
    expect(built.terminal).toContain('\\x1b]0;owned-');
    expect(built.terminal).not.toContain('\u001b');
    expect(built.terminal).not.toContain('\u0007');
  });
});
