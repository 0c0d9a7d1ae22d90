// Issue 7: the WSGI article's demo_app prints its whole environment; in the sandbox that names no path of the build machine.
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import { detectIsolation } from '../src/runners/sandbox/isolation.ts';
import { REPO_ROOT, tempSite } from './helpers/project.ts';

const namespaces = (await detectIsolation('auto')).mode === 'namespaces';
const site = await tempSite('demo-app', { isolation: 'strict' });
afterAll(site.cleanup);

describe.skipIf(!namespaces)('sandbox: what demo_app publishes', () => {
  test('its environ holds the sandbox paths only: no checkout, venv, temp folder or home of the build machine', async () => {
    const result = await build(site.config, { write: false });
    const body = result.verifications[0]?.record?.http?.body ?? '';
    expect(result.verifications[0]?.status).toBe('passed');
    expect(body).toContain("PATH = '/opt/venv/bin:/usr/local/bin:/usr/bin:/bin'");
    expect(body).toContain("HOME = '/home/example'");
    expect(body).toContain("TMPDIR = '/tmp'");
    for (const hostPath of [REPO_ROOT, site.root, `${tmpdir()}/proofpress-`, process.env.HOME ?? '/root']) {
      expect(body, hostPath).not.toContain(hostPath);
    }
  });

  test('a temp folder with a long path still runs sandboxes (the bridge socket moves where a Unix socket path fits)', async () => {
    const longTmp = path.join(tmpdir(), `proofpress-long-${'t'.repeat(100)}`);
    await mkdir(longTmp, { recursive: true });
    try {
      const check = await execa(process.execPath, [path.join(REPO_ROOT, 'bin', 'proofpress.js'), 'check', '--root', site.root, '--isolation', 'strict', '--no-cache'], {
        env: { TMPDIR: longTmp },
        reject: false,
        all: true,
      });
      expect(check.all).toMatch(/1 passed, 0 failed/);
      expect(check.exitCode).toBe(0);
    } finally {
      await rm(longTmp, { recursive: true, force: true });
    }
  }, 60_000);
});
