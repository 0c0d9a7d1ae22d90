// Tests the verification cache: what the key depends on, and that only passes are stored and read back.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Example } from '../../../src/examples/extract.ts';
import { parseFenceInfo } from '../../../src/examples/fence-info.ts';
import { cacheKey, computeRuntimeFingerprint, readCached, writeCached } from '../../../src/verify/cache.ts';
import type { Verification } from '../../../src/verify/types.ts';

const INFO = 'python file=client.py run=http with=server.py expect="Hello" status=200 path=/ timeout=5s';
const FINGERPRINT = 'f'.repeat(64);

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
    label: 'client.py (run=http)',
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
      runtime: { python: '3.12.3', gateway: 'wsgiref HTTP server started by the example' },
    },
    cached: false,
  };
}

describe('verify/cache', () => {
  describe('cacheKey', () => {
    test('is a stable sha256 of the same example and runtime', () => {
      expect(cacheKey(base, FINGERPRINT)).toMatch(/^[0-9a-f]{64}$/);
      expect(cacheKey(example(), FINGERPRINT)).toBe(cacheKey(base, FINGERPRINT));
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
      expect(cacheKey(changed, FINGERPRINT)).not.toBe(cacheKey(base, FINGERPRINT));
    });

    test('changes with the runtime fingerprint', () => {
      expect(cacheKey(base, 'e'.repeat(64))).not.toBe(cacheKey(base, FINGERPRINT));
    });

    test('does not change when the example only moves in its post', () => {
      const moved = example({ id: 'post/05-client-py', index: 5, line: 99, companions: [{ name: 'server.py', code: 'app = None\n', line: 50 }] });
      expect(cacheKey(moved, FINGERPRINT)).toBe(cacheKey(base, FINGERPRINT));
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
  });

  describe('readCached and writeCached', () => {
    let dir: string;
    beforeEach(async () => {
      dir = path.join(await mkdtemp(path.join(tmpdir(), 'proofpress-cache-')), 'cache');
    });
    afterEach(async () => {
      await rm(path.dirname(dir), { recursive: true, force: true });
    });

    test('round-trips a passed verification, creating the folder', async () => {
      const passed = verification('passed');
      await writeCached(dir, 'k1', passed);
      expect(await readCached(dir, 'k1')).toEqual(passed);
    });

    test('stores a result that was itself read from the cache as not cached', async () => {
      await writeCached(dir, 'k1', { ...verification('passed'), cached: true });
      expect((await readCached(dir, 'k1'))?.cached).toBe(false);
    });

    test.each<Verification['status']>(['failed', 'skipped'])('never stores a %s verification', async (status) => {
      await writeCached(dir, 'k1', verification(status));
      expect(await readCached(dir, 'k1')).toBeUndefined();
      await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    test('ignores a stored failure, a corrupt entry and a missing key', async () => {
      await writeCached(dir, 'other', verification('passed'));
      await writeFile(path.join(dir, 'failed.json'), JSON.stringify(verification('failed')));
      await writeFile(path.join(dir, 'corrupt.json'), '{"status": "pass');
      expect(await readCached(dir, 'failed')).toBeUndefined();
      expect(await readCached(dir, 'corrupt')).toBeUndefined();
      expect(await readCached(dir, 'missing')).toBeUndefined();
    });
  });
});
