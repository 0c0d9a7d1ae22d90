// Asks an interpreter about posts' requirements without installing anything: which apply to it (markers), which it already satisfies.
import { execa } from 'execa';
import type { PythonRuntime } from './python-runtime.ts';

/** A requirement as venv.ts collects it (its posts ride along). */
type Requirement = { requirement: string };

// Both scripts run on Python 2.7 and 3 alike, and print one JSON list: the requirements that pass.
// `packaging` (pip vendors it since pip 8) parses a requirement and evaluates its marker for this interpreter.
const APPLICABLE = [
  'import json, sys',
  'try:',
  '    from pip._vendor.packaging.requirements import Requirement',
  'except ImportError:',
  '    from packaging.requirements import Requirement',
  'print(json.dumps([line for line in sys.argv[1:] if Requirement(line).marker is None or Requirement(line).marker.evaluate()]))',
].join('\n');

// pkg_resources (setuptools, or the copy pip vendors) resolves a requirement with its marker and its
// dependencies against what the interpreter has installed.
const UNSATISFIED = [
  'import json, sys',
  'try:',
  '    import pkg_resources',
  'except ImportError:',
  '    from pip._vendor import pkg_resources',
  'missing = []',
  'for line in sys.argv[1:]:',
  '    try:',
  '        pkg_resources.require(line)',
  '    except Exception:',
  '        missing.append(line)',
  'print(json.dumps(missing))',
].join('\n');

/**
 * The requirements whose environment marker (`; python_version < "3"`) holds for `python`, so that an
 * environment whose every requirement is for another Python is made without pip (~4 s less). When it
 * cannot tell (no pip, no packaging), every requirement applies and pip decides.
 */
export async function applicableRequirements<R extends Requirement>(python: PythonRuntime, requirements: R[]): Promise<R[]> {
  return (await passing(python, APPLICABLE, requirements)) ?? requirements;
}

/**
 * The requirements `python` does not satisfy as installed (one whose marker excludes it is satisfied).
 * When it cannot tell (no setuptools and no pip), every requirement counts as unsatisfied.
 */
export async function unsatisfiedRequirements<R extends Requirement>(python: PythonRuntime, requirements: R[]): Promise<R[]> {
  return (await passing(python, UNSATISFIED, requirements)) ?? requirements;
}

async function passing<R extends Requirement>(python: PythonRuntime, script: string, requirements: R[]): Promise<R[] | undefined> {
  if (requirements.length === 0) return [];
  const result = await execa(python.executable, ['-c', script, ...requirements.map((r) => r.requirement)], { reject: false, stdin: 'ignore', timeout: 60_000 });
  if (result.exitCode !== 0) return undefined;
  try {
    const listed = new Set(JSON.parse(String(result.stdout).trim().split('\n').at(-1) ?? '') as string[]);
    return requirements.filter((r) => listed.has(r.requirement));
  } catch {
    return undefined;
  }
}
