// Tests the run context's cache fingerprints: one per interpreter, changing with the packages installed for it.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.ts';
import type { PythonRuntime } from '../../../src/runners/python-runtime.ts';
import { verificationContext } from '../../../src/verify/context.ts';
import { projectPython, REPO_ROOT } from '../../helpers/project.ts';

let scratch: string;
let venv: PythonRuntime;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'proofpress-context-'));
  venv = await projectPython();
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('verify/context', () => {
  test('fingerprints each interpreter of the build apart, and its packages folder with it', async () => {
    const packagesDir = path.join(scratch, 'site-packages');
    await mkdir(packagesDir);
    const old: PythonRuntime = { ...venv, executable: '/opt/old/bin/python2.7', version: '2.7.18', packagesDir };
    const config = resolveConfig(REPO_ROOT, { useCache: true, pythonOverride: venv.executable, cacheKeyFile: path.join(scratch, 'cache.key') });
    const { cache, ctx } = await verificationContext(config, { default: venv, chosen: new Map([['2.7', { runtime: old }]]), helper: venv });
    expect(ctx.python).toBe(venv);
    const [ofDefault, ofOld] = await Promise.all([cache!.runtimeFingerprint(venv), cache!.runtimeFingerprint(old)]);
    expect(ofOld).not.toBe(ofDefault);
    expect(await cache!.runtimeFingerprint({ ...old })).toBe(ofOld); // the same interpreter, asked again
    // A package installed for it (flup into its --target folder) makes its results stale.
    const fresh = await verificationContext(config, { default: venv, chosen: new Map(), helper: venv });
    await mkdir(path.join(packagesDir, 'flup-1.0.2-py2.7.egg-info'));
    expect(await fresh.cache!.runtimeFingerprint(old)).not.toBe(ofOld);
  });
});
