// Tests the verification cache: what the key depends on, that only passes are stored, and that only entries written as they were, under their own key and this machine's secret, are read back.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { appendFile, copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { limitsSchema } from '../../../src/config/schema.ts';
import type { Example } from '../../../src/examples/extract.ts';
import { parseFenceInfo } from '../../../src/examples/fence-info.ts';
import { type CacheStore, cacheKey, computeRuntimeFingerprint, readCached, type RunAllowance, writeCached } from '../../../src/verify/cache.ts';
import type { Verification } from '../../../src/verify/types.ts';
import { defaultSandbox } from '../../helpers/examples.ts';
import { REPO_ROOT } from '../../helpers/project.ts';

const INFO = 'python file=client.py run=http with=server.py expect="Hello" status=200 path=/ timeout=5s';
const FINGERPRINT = 'f'.repeat(64);
const ALLOWANCE: RunAllowance = { timeoutMs: 5000, limits: limitsSchema.parse({}), network: false };
// Keys as cacheKey makes them (sha256 hex): the cache trusts an entry only under the key it names.
const KEY = 'a'.repeat(64);
const OTHER_KEY = 'b'.repeat(64);

function example(overrides: Partial<Example> = {}): Example {
  return {
    id: 'post/02-client-py',
    index: 2,
    source: 'content/post.md',
    slug: 'post',
    line: 10,
    code: 'print("Hello")\n',
    spec: parseFenceInfo(INFO, { file: 'content/post.md', line: 10 }),
    expectedOutput: 'Hello\n',
    companions: [{ name: 'server.py', code: 'app = None\n', line: 3 }],
    preceding: [],
    label: 'client.py (run=http)',
    sandbox: defaultSandbox(),
    ...overrides,
  };
}

const base = example();
const withSpec = (spec: Partial<Example['spec']>) => example({ spec: { ...base.spec, ...spec } });

function verification(status: Verification['status']): Verification {
  return {
    exampleId: 'post/02-client-py',
    source: 'content/post.md',
    line: 10,
    label: 'client.py (run=http)',
    status,
    reason: status === 'failed' ? 'expected HTTP status 200, got HTTP/1.0 500 Internal Server Error' : undefined,
    failures: status === 'failed' ? ['expected HTTP status 200, got HTTP/1.0 500 Internal Server Error'] : [],
    record: {
      http: { statusLine: 'HTTP/1.0 200 OK', status: 200, headers: [['Content-type', 'text/plain']], body: 'Hello\n' },
      serverLog: 'Serving HTTP on port 8000...\n',
      startedAt: '2024-01-02T00:00:00.000Z',
      durationMs: 120,
      runtime: { interpreter: 'Python 3.12.3', gateway: 'wsgiref HTTP server started by the example' },
    },
    cached: false,
  };
}

describe('verify/cache', () => {
  describe('cacheKey', () => {
    test('is a stable sha256 of the same example, allowance and runtime', () => {
      expect(cacheKey(base, FINGERPRINT, ALLOWANCE)).toMatch(/^[0-9a-f]{64}$/);
      expect(cacheKey(example(), FINGERPRINT, { ...ALLOWANCE, limits: { ...ALLOWANCE.limits } })).toBe(cacheKey(base, FINGERPRINT, ALLOWANCE));
    });

    test.each<[string, Example]>([
      // the code
      ['the code', example({ code: 'print("Hello!")\n' })],
      ['only trailing whitespace of the code', example({ code: 'print("Hello") \n' })],
      // every spec field
      ['spec.lang', withSpec({ lang: 'python3' })],
      ['spec.file', withSpec({ file: 'other.py' })],
      ['spec.run', withSpec({ run: 'fastcgi' })],
      ['spec.app', withSpec({ app: 'application' })],
      ['spec.expect', withSpec({ expect: 'Hello!' })],
      ['spec.status', withSpec({ status: 201 })],
      ['spec.path', withSpec({ path: '/hello' })],
      ['spec.with', withSpec({ with: ['server.py', 'extra.py'] })],
      ['spec.timeoutMs', withSpec({ timeoutMs: 6000 })],
      ['spec.support', withSpec({ support: true })],
      ['spec.annotated', withSpec({ annotated: false })],
      // companions and the output block
      ['a companion\'s code', example({ companions: [{ name: 'server.py', code: 'app = 1\n', line: 3 }] })],
      ['a companion\'s name', example({ companions: [{ name: 'srv.py', code: 'app = None\n', line: 3 }] })],
      ['no companions', example({ companions: [] })],
      ['the expected output', example({ expectedOutput: 'Hello!\n' })],
      ['an empty expected output instead of none', example({ expectedOutput: '' })],
      ['no expected output', example({ expectedOutput: undefined })],
    ])('changes with %s', (_name, changed) => {
      expect(cacheKey(changed, FINGERPRINT, ALLOWANCE)).not.toBe(cacheKey(base, FINGERPRINT, ALLOWANCE));
    });

    test.each<[string, RunAllowance]>([
      ['the timeout', { ...ALLOWANCE, timeoutMs: 6000 }],
      ['the network', { ...ALLOWANCE, network: true }],
      ['the memory limit', { ...ALLOWANCE, limits: { ...ALLOWANCE.limits, memoryMiB: 1024 } }],
      ['the output limit', { ...ALLOWANCE, limits: { ...ALLOWANCE.limits, outputKiB: 2048 } }],
    ])('changes with what the run is allowed: %s', (_name, allowance) => {
      expect(cacheKey(base, FINGERPRINT, allowance)).not.toBe(cacheKey(base, FINGERPRINT, ALLOWANCE));
    });

    test('changes with the runtime fingerprint', () => {
      expect(cacheKey(base, 'e'.repeat(64), ALLOWANCE)).not.toBe(cacheKey(base, FINGERPRINT, ALLOWANCE));
    });

    test('does not change when the example only moves in its post', () => {
      const moved = example({ id: 'post/05-client-py', index: 5, line: 99, companions: [{ name: 'server.py', code: 'app = None\n', line: 50 }] });
      expect(cacheKey(moved, FINGERPRINT, ALLOWANCE)).toBe(cacheKey(base, FINGERPRINT, ALLOWANCE));
    });
  });

  describe('computeRuntimeFingerprint', () => {
    test('is stable for one Python and changes with its version or extra components', async () => {
      const first = await computeRuntimeFingerprint('3.12.3');
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(await computeRuntimeFingerprint('3.12.3')).toBe(first);
      expect(await computeRuntimeFingerprint('3.13.0')).not.toBe(first);
      expect(await computeRuntimeFingerprint('3.12.3', ['nginx 1.24.0'])).not.toBe(first);
    });

    describe('over a copy of src/', () => {
      let src: string;
      beforeEach(async () => {
        src = path.join(await mkdtemp(path.join(tmpdir(), 'proofpress-fingerprint-')), 'src');
        await cp(path.join(REPO_ROOT, 'src'), src, { recursive: true, filter: (source) => !source.includes('__pycache__') });
      });
      afterEach(async () => {
        await rm(path.dirname(src), { recursive: true, force: true });
      });

      test('is the same wherever src/ lies (it hashes relative names)', async () => {
        expect(await computeRuntimeFingerprint('3.12.3', [], { srcDir: src })).toBe(await computeRuntimeFingerprint('3.12.3'));
      });

      // The sources that decide a verdict: how an example runs, how it is read from the post, what "passed" means.
      test.each([
        ['a runner', 'runners/script.ts'],
        ['the checks (what "passed" means)', 'verify/expect.ts'],
        ['how an example is verified', 'verify/verify-one.ts'],
        ['how fence attributes are read', 'examples/fence-info.ts'],
        ['how examples are extracted', 'examples/extract.ts'],
      ])('changes when %s changes (%s)', async (_name, file) => {
        const before = await computeRuntimeFingerprint('3.12.3', [], { srcDir: src });
        await appendFile(path.join(src, file), '\n// changed by the test\n');
        expect(await computeRuntimeFingerprint('3.12.3', [], { srcDir: src })).not.toBe(before);
      });

      test('changes when a checking module is added, and not for sources that do not decide a verdict', async () => {
        const before = await computeRuntimeFingerprint('3.12.3', [], { srcDir: src });
        await appendFile(path.join(src, 'render', 'layout.ts'), '\n// changed by the test\n');
        await writeFile(path.join(src, 'verify', 'notes.md'), 'not code\n');
        expect(await computeRuntimeFingerprint('3.12.3', [], { srcDir: src })).toBe(before);
        await writeFile(path.join(src, 'verify', 'new-check.ts'), 'export const check = 1;\n');
        expect(await computeRuntimeFingerprint('3.12.3', [], { srcDir: src })).not.toBe(before);
      });
    });
  });

  describe('readCached and writeCached', () => {
    let dir: string;
    let store: CacheStore;
    beforeEach(async () => {
      dir = path.join(await mkdtemp(path.join(tmpdir(), 'proofpress-cache-')), 'cache');
      store = { dir, secret: randomBytes(32) };
    });
    afterEach(async () => {
      await rm(path.dirname(dir), { recursive: true, force: true });
    });

    test('round-trips a passed verification, creating the folder and leaving no temporary file', async () => {
      const passed = verification('passed');
      await writeCached(store, KEY, passed);
      expect(await readCached(store, KEY)).toEqual(passed);
      expect(await readdir(dir)).toEqual([`${KEY}.json`]);
    });

    test('stores a result that was itself read from the cache as not cached', async () => {
      await writeCached(store, KEY, { ...verification('passed'), cached: true });
      expect((await readCached(store, KEY))?.cached).toBe(false);
    });

    test.each<Verification['status']>(['failed', 'skipped'])('never stores a %s verification', async (status) => {
      await writeCached(store, KEY, verification(status));
      expect(await readCached(store, KEY)).toBeUndefined();
      await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    test('ignores a stored failure, a corrupt entry and a missing key', async () => {
      const [failed, corrupt, missing] = ['c', 'd', 'e'].map((digit) => digit.repeat(64));
      await writeCached(store, OTHER_KEY, verification('passed'));
      await writeFile(path.join(dir, `${failed}.json`), JSON.stringify(verification('failed')));
      await writeFile(path.join(dir, `${corrupt}.json`), '{"status": "pass');
      expect(await readCached(store, failed!)).toBeUndefined();
      expect(await readCached(store, corrupt!)).toBeUndefined();
      expect(await readCached(store, missing!)).toBeUndefined();
    });

    test('ignores a bare passed verification written without the entry around it', async () => {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, `${KEY}.json`), JSON.stringify(verification('passed')));
      expect(await readCached(store, KEY)).toBeUndefined();
    });

    test('ignores an entry copied under another key', async () => {
      await writeCached(store, OTHER_KEY, verification('passed'));
      await copyFile(path.join(dir, `${OTHER_KEY}.json`), path.join(dir, `${KEY}.json`));
      expect(await readCached(store, OTHER_KEY)).toBeDefined();
      expect(await readCached(store, KEY)).toBeUndefined();
    });

    test('ignores an entry whose content no longer matches its checksum', async () => {
      await writeCached(store, KEY, verification('passed'));
      expect(await readCached(store, KEY)).toBeDefined();
      const file = path.join(dir, `${KEY}.json`);
      await writeFile(file, (await readFile(file, 'utf8')).replace('"body":"Hello\\n"', '"body":"Edited\\n"'));
      expect(await readFile(file, 'utf8')).toContain('Edited');
      expect(await readCached(store, KEY)).toBeUndefined();
    });

    /** Rewrite the entry of `key` with `stdout` edited and its checksum recomputed by `sign`. */
    async function forge(key: string, sign: (material: string) => string): Promise<void> {
      const file = path.join(dir, `${key}.json`);
      const entry = JSON.parse(await readFile(file, 'utf8')) as { checksum: string; verification: Verification };
      entry.verification.record!.stdout = 'forged output\n';
      entry.checksum = sign(key + JSON.stringify(entry.verification));
      await writeFile(file, JSON.stringify(entry));
    }

    test('ignores an edited entry whose checksum was recomputed as a plain sha256', async () => {
      await writeCached(store, KEY, verification('passed'));
      await forge(KEY, (material) => createHash('sha256').update(material).digest('hex'));
      expect(await readCached(store, KEY)).toBeUndefined();
    });

    test('ignores an entry signed with another secret (a cache restored from another machine)', async () => {
      const elsewhere: CacheStore = { dir, secret: randomBytes(32) };
      await writeCached(elsewhere, KEY, verification('passed'));
      expect(await readCached(elsewhere, KEY)).toBeDefined();
      expect(await readCached(store, KEY)).toBeUndefined();
    });

    test('accepts the same edit signed with the secret itself, so the forgeries above fail for want of the secret alone', async () => {
      await writeCached(store, KEY, verification('passed'));
      await forge(KEY, (material) => createHmac('sha256', store.secret).update(material).digest('hex'));
      expect((await readCached(store, KEY))?.record?.stdout).toBe('forged output\n');
    });
  });
});
