// Global teardown: the test run fails if any example process (Python, nginx) outlived it.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pidsMatching } from '../helpers/processes.ts';

/** vitest globalSetup: nothing to set up; the returned teardown looks for survivors by their sandbox path. */
export default function setup(): () => Promise<void> {
  return async () => {
    // Every example runs inside a `proofpress-*` sandbox under the temp folder (its cwd, or nginx's -p prefix).
    const sandboxPrefix = path.join(tmpdir(), 'proofpress-');
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
    }
  };
}
