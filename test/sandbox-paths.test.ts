// Issue 7: the WSGI article's demo_app prints its whole environment; in the sandbox that names no path of the build machine.
import { tmpdir } from 'node:os';
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
});
