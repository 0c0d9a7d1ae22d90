// Issue 7: a post of hostile examples, built with secrets planted in the build's environment and home,
// leaks nothing, writes nothing outside its examples' folders, leaves no process, and each failure says what stopped it.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
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
  verifications: { label: string; status: string; reason?: string; record?: { stdout?: string; serverLog?: string; http?: { body: string } } }[];
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
  const placeholders: Record<string, string> = {
    HOST_PORT: String((hostServer.address() as AddressInfo).port),
    NET_PORT: String(await freePort()),
    MARKER,
  };
  for (const name of ['hostile.md', 'networked.md']) {
    const post = path.join(site.root, 'content', name);
    let text = await readFile(post, 'utf8');
    for (const [placeholder, value] of Object.entries(placeholders)) text = text.replaceAll(placeholder, value);
    await writeFile(post, text);
  }
  const home = path.join(site.root, 'home');
  for (const [file, secret] of [['.ssh/id_rsa', `-----BEGIN KEY----- ${CANARY}`], ['.aws/credentials', `aws_secret_access_key = ${CANARY}`]] as const) {
    await mkdir(path.dirname(path.join(home, file)), { recursive: true });
    await writeFile(path.join(home, file), secret);
  }
  const filesBefore = await listFiles(site.root);
  // stdio[3]: a descriptor the build inherits from whoever started it, which must not reach examples.
  const result = await execa(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [path.join(REPO_ROOT, 'src', 'cli.ts'), 'build', '--root', site.root, '--isolation', 'strict'], {
    reject: false,
    all: true,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    env: { HOME: home, AWS_SECRET_ACCESS_KEY: CANARY, GITHUB_TOKEN: CANARY, PROOFPRESS_PYTHON: path.join(REPO_ROOT, '.venv', 'bin', 'python'), NO_COLOR: '1' },
  });
  const verifications = JSON.parse(await readFile(path.join(site.root, 'site', 'verification.json'), 'utf8').catch(() => '[]'));
  built = { root: site.root, home, exitCode: result.exitCode ?? -1, terminal: String(result.all), verifications, filesBefore };
}, 180_000);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

afterAll(async () => {
  hostServer?.close();
  await cleanup();
});

const byFile = (file: string) => built.verifications.find((verification) => verification.label.startsWith(`${file} `))!;

describe.skipIf(!namespaces)('sandbox: a post of hostile examples', () => {
  test('builds, publishing its failures (onExampleFailure: warn)', () => {
    expect(built.exitCode, built.terminal).toBe(0);
    expect(built.verifications).toHaveLength(23);
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
    expect(environ.record?.stdout).toContain("'PATH': '/opt/venv/bin:");
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
    // The cache's signing key lives in the build's home, outside the project, by design.
    const added = after.filter((file) => !built.filesBefore.includes(file) && !/^(site|snippets|\.proofpress-cache)\/|^home\/\.cache\/proofpress\//.test(file));
    expect(added).toEqual([]);
    expect(existsSync(`/tmp/${MARKER}`)).toBe(false);
    expect(after.some((file) => file.includes(MARKER))).toBe(false);
  });

  test('what an example prints names no folder of the build machine', () => {
    const stdout = byFile('paths.py').record?.stdout ?? '';
    expect(stdout).toContain('/opt/venv/bin/python /opt/venv ');
    expect(stdout).toContain(' /example /home/example /tmp\n');
    expect(stdout).toContain('json/decoder.py');
    for (const hostPath of [REPO_ROOT, built.root, '/tmp/proofpress-', '/root/']) expect(stdout).not.toContain(hostPath);
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
    expect(byFile('memory.py')).toMatchObject({ status: 'failed', reason: 'stopped: exceeded 512 MiB of memory (the example reported "MemoryError")' });
    expect(byFile('forks.py')).toMatchObject({ status: 'failed', reason: 'stopped: exceeded 64 processes (threads count)' });
    expect(byFile('threads.py')).toMatchObject({ status: 'failed', reason: 'stopped: exceeded 64 processes (threads count)' });
    expect(byFile('shared.py')).toMatchObject({ status: 'failed', reason: 'stopped: exceeded 512 MiB of memory in all' });
    expect(byFile('floods.py')).toMatchObject({ status: 'failed', reason: 'stopped: printed more than 1024 KiB of output' });
    expect(byFile('spins.py')).toMatchObject({ status: 'failed', reason: 'stopped: exceeded 1 s of CPU time' });
    expect(byFile('fills.py')).toMatchObject({ status: 'failed', reason: 'stopped: exceeded the file size limit of 1 MiB (the example reported "File too large")' });
  });

  test("kernel settings are read-only, and the supervisor shrugs off a SIGINT", () => {
    const sysctl = byFile('sysctl.py');
    expect(sysctl.status).toBe('passed');
    expect(sysctl.record?.stdout).toContain('/proc/sys/kernel/core_pattern Read-only file system');
    expect(sysctl.record?.stdout).not.toContain('WROTE');
    expect(sysctl.record?.serverLog).not.toContain('KeyboardInterrupt');
  });

  test('the supervisor cannot be killed from inside, so its limits hold', () => {
    expect(byFile('regicide.py')).toMatchObject({ status: 'failed', reason: 'stopped: exceeded 64 processes (threads count)' });
  });

  test('every writable folder is a small private tmpfs, and /dev is read-only', () => {
    const stdout = byFile('disks.py').record?.stdout ?? '';
    for (const folder of ['/example', '/dev/shm', '/tmp', '/home/example']) {
      expect(stdout).toMatch(new RegExp(`^${folder} stopped after 1[12]\\d MiB: No space left on device$`, 'm'));
    }
    expect(stdout).toContain('/dev stopped after 0 MiB: Read-only file system');
  });

  test("no descriptor of the build reaches an example, the report pipe included; proofpress's control folder is read-only", () => {
    const stdout = byFile('descriptors.py').record?.stdout ?? '';
    expect(stdout).toContain('open descriptors [0, 1, 2, 3]'); // 3: the folder os.listdir itself opened
    expect(stdout).toContain('fd 3 Bad file descriptor');
    expect(stdout).toContain('/run/proofpress/control/nginx.conf Read-only file system');
    expect(stdout).toContain('/run/proofpress/files/x Read-only file system');
  });

  test('the bridge socket is not in the sandbox at all, and nothing of proofpress\'s there is writable', () => {
    const hijack = byFile('hijack.py');
    expect(hijack.status).toBe('passed');
    expect(hijack.record?.stdout).toContain("run folder: ['control', 'files']");
    expect(hijack.record?.stdout).not.toContain('wrote into');
  });

  test("with the host's network shared, the example's own port is found, not the host's", () => {
    expect(byFile('shared_net.py'), byFile('shared_net.py').reason).toMatchObject({ status: 'passed' });
    expect(byFile('shared_net.py').record?.http?.body).toBe('my own server');
    // Two examples on the same host port: run one after the other, each answered by its own server.
    expect(byFile('shared_net_again.py').record?.http?.body).toBe('my own server again');
    expect(byFile('app.fcgi'), byFile('app.fcgi').reason).toMatchObject({ status: 'passed' });
  });

  test('output printed to the terminal cannot carry escape sequences', () => {
    expect(byFile('escapes.py').status, JSON.stringify(byFile('escapes.py').reason)).toBe('failed');
    expect(byFile('escapes.py').reason, built.terminal.slice(-3000)).toMatch(/^expected the standard output to contain/);
    expect(built.terminal).toContain('\\x1b]0;owned-');
    expect(built.terminal).not.toContain('\u001b');
    expect(built.terminal).not.toContain('\u0007');
  });
});
