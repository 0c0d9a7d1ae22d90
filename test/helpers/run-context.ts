// Test helper: the RunContext a build makes (isolation detected on this machine, the project's Python), via verificationContext.
import type { ConfigOverrides } from '../../src/config/resolve.ts';
import { resolveConfig } from '../../src/config/resolve.ts';
import { onlyPython } from '../../src/runners/build-pythons.ts';
import type { RunContext } from '../../src/runners/types.ts';
import { verificationContext } from '../../src/verify/context.ts';
import { projectPython, REPO_ROOT } from './project.ts';

/** What a test may change of a build's run context. */
export interface TestRunContextOptions {
  timeoutMs?: number;
  fastcgiFrontEnd?: ConfigOverrides['fastcgiFrontEnd'];
  isolation?: ConfigOverrides['isolation'];
}

/**
 * The run context `build()` would make for this repository (its config, the .venv Python, namespaces when the
 * machine allows them), with the test's timeout. Built by the code's own verificationContext, not by hand,
 * so tests run examples the way the build does.
 */
export async function testRunContext(options: TestRunContextOptions = {}): Promise<RunContext> {
  const python = await projectPython();
  const config = resolveConfig(REPO_ROOT, {
    useCache: false,
    pythonOverride: python.executable,
    fastcgiFrontEnd: options.fastcgiFrontEnd,
    isolation: options.isolation,
  });
  const { ctx } = await verificationContext(config, onlyPython(python));
  return options.timeoutMs === undefined ? ctx : { ...ctx, timeoutMs: options.timeoutMs };
}
