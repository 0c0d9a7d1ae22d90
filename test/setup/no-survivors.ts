// Global teardown: the test run fails if any example process (Python, nginx) outlived it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pidsMatching } from '../helpers/processes.ts';

/**
 * vitest globalSetup. The run gets a temp folder of its own (TMPDIR, which the test workers inherit), so
 * every sandbox it makes lives under it and the survivor check looks only there: another build running on
 * the same machine (a second checkout, a developer's `proofpress dev`) is not this run's survivor.
 * The returned teardown looks for survivors by that path.
 */
export default function setup(): () => Promise<void> {
  const runTmp = mkdtempSync(path.join(tmpdir(), 'proofpress-test-run-'));
  process.env.TMPDIR = runTmp;
  return async () => {
    // Every example runs inside a `proofpress-*` sandbox under the temp folder (its cwd, or nginx's -p prefix).
    const sandboxPrefix = path.join(runTmp, 'proofpress-');
    const deadline = Date.now() + 2_000;
    let survivors = pidsMatching(sandboxPrefix);
    while (survivors.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      survivors = pidsMatching(sandboxPrefix);
    }
    if (survivors.length > 0) {
      // vitest reports an error thrown here but still exits 0, so fail the run explicitly.
      console.error(`✗ example processes survived the test run: pids ${survivors.join(', ')} (cwd or command line under ${sandboxPrefix})`);
      process.exitCode = 1;
      return;
    }
    rmSync(runTmp, { recursive: true, force: true });
  };
}
