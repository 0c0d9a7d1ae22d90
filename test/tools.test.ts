// The optional tools the tests use, in one place: which this machine has, and which are missing (so the tests that
// need them are skipped, each saying why). Under PROOFPRESS_REQUIRE_TOOLS (.ci/run) a missing one fails here too.
import { describe, expect, test } from 'vitest';
import {
  type Probe,
  probeChromium,
  probeCurl,
  probeFcgiwrap,
  probeGo,
  probeNginx,
  probePerl,
  probePypi,
  probePythonVersion,
  REQUIRE_TOOLS,
  required,
} from './helpers/tools.ts';

// Probed without settle(): this file lists every missing tool at once instead of stopping at the first.
const probes: Probe<unknown>[] = await Promise.all([
  probeNginx(),
  probeFcgiwrap(),
  probeGo(),
  probePerl(),
  probeCurl(),
  probeChromium(),
  probePythonVersion('2.7'),
  probePythonVersion('3.6'),
  probePythonVersion('3.12'),
  probePypi(),
]);

// vitest's default reporter counts skipped tests without naming them: say here, once, what is missing and why.
const missing = probes.filter((probe) => probe.missing !== undefined && !required(probe.name));
if (missing.length > 0) {
  console.warn(
    [`⚠ Not installed here, so the tests that need them are skipped (${REQUIRE_TOOLS}=1 makes each a failure; .ci/run sets it):`, ...missing.map((probe) => `  - ${probe.name}: ${probe.missing}`)].join('\n'),
  );
}

describe('optional tools on this machine', () => {
  for (const probe of probes) {
    const skip = probe.missing !== undefined && !required(probe.name);
    const name = probe.missing === undefined ? `${probe.name}: ${probe.describe}` : `${probe.name}: missing — ${probe.missing}`;
    test.skipIf(skip)(name, () => {
      expect(probe.missing, `${REQUIRE_TOOLS}=${process.env[REQUIRE_TOOLS]} requires ${probe.name}`).toBeUndefined();
    });
  }

  test(`${REQUIRE_TOOLS} names only tools this suite knows`, () => {
    const value = (process.env[REQUIRE_TOOLS] ?? '').trim();
    if (['', '0', '1', 'all'].includes(value)) return;
    const known = probes.map((probe) => probe.name);
    expect(value.split(',').map((item) => item.trim()).filter((item) => !known.includes(item))).toEqual([]);
  });
});
