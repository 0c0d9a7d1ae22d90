// Tests how a build chooses its isolation: namespaces when bubblewrap works, the process layer (said once) or a clear failure when it does not.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { RunnerError } from '../../../../src/errors.ts';
import { describeIsolation, detectIsolation } from '../../../../src/runners/sandbox/isolation.ts';

const dir = await mkdtemp(path.join(tmpdir(), 'isolation-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

// A bwrap that answers --version but is refused namespaces, as on Ubuntu 24.04 with AppArmor's default.
const refused = path.join(dir, 'bwrap');
await writeFile(refused, '#!/bin/sh\n[ "$1" = --version ] && { echo "bubblewrap 0.9.0"; exit 0; }\necho "bwrap: setting up uid map: Permission denied" >&2\nexit 1\n');
await chmod(refused, 0o755);

describe('runners/sandbox/isolation', () => {
  test("auto falls back to the process layer and says why, naming bubblewrap's own message", async () => {
    const isolation = await detectIsolation('auto', [refused]);
    expect(isolation.mode).toBe('process');
    expect(isolation.fallbackReason).toContain('bubblewrap 0.9.0 could not create namespaces (bwrap: setting up uid map: Permission denied)');
    expect(isolation.fallbackReason).toContain('apparmor_restrict_unprivileged_userns');
    expect(describeIsolation(isolation)).toBe('process group (no namespaces)');
  });

  test('strict fails instead, with the reason and a hint', async () => {
    const error = await detectIsolation('strict', [refused]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunnerError);
    expect((error as RunnerError).message).toBe(
      'Examples cannot be isolated in namespaces here (isolation "strict"): bubblewrap 0.9.0 could not create namespaces (bwrap: setting up uid map: Permission denied)',
    );
    expect((error as RunnerError).hint).toContain('"isolation": "process"');
  });

  test('a missing bubblewrap is named as such', async () => {
    const isolation = await detectIsolation('auto', [path.join(dir, 'no-such-bwrap')]);
    expect(isolation).toMatchObject({ mode: 'process', fallbackReason: expect.stringContaining('bubblewrap is not installed') });
  });

  test('process is chosen without probing; a working bubblewrap gives namespaces', async () => {
    expect(await detectIsolation('process', [refused])).toEqual({ mode: 'process' });
    const found = await detectIsolation('auto');
    // The machines this project runs on have bubblewrap (.ci/run installs it and checks it works).
    expect(found.mode).toBe('namespaces');
    expect(describeIsolation(found)).toMatch(/^namespaces \(bubblewrap \d+\.\d+\.\d+\)$/);
  });
});
