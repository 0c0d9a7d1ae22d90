// The run context of one example: the build's, with the example's own Python in place of the default.
import type { Example } from '../examples/extract.ts';
import { RunnerError } from '../errors.ts';
import { pythonFor } from './build-pythons.ts';
import type { RunContext } from './types.ts';

/**
 * `ctx` with the Python `example` runs on (its `python=`, its post's `python:`, else the default) as
 * `python` and as the sandbox's interpreter. A chosen Python that is missing is a RunnerError here:
 * verify/ skips such examples before they get this far.
 */
export function exampleContext(example: Example, ctx: RunContext): RunContext {
  const choice = pythonFor(ctx.pythons, example, ctx.python);
  if ('missing' in choice) throw new RunnerError(choice.missing.reason, { file: example.source, line: example.line, example: example.label });
  const python = choice.runtime;
  if (python === ctx.python && ctx.sandbox.python === python) return ctx;
  return { ...ctx, python, sandbox: { ...ctx.sandbox, python, helperPython: ctx.pythons?.helper ?? ctx.sandbox.helperPython } };
}
