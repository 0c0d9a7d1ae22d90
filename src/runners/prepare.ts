// Stage 4 entry: the interpreters a build runs examples with, each made to hold the requirements of the posts that use it.
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolve.ts';
import type { PythonNeed } from '../examples/python-choice.ts';
import { type BuildPythons, missingPython, type PythonChoice } from './build-pythons.ts';
import { discoverPython } from './python-discovery.ts';
import { findPython, HELPER_MINIMUM, type PythonRuntime, versionAtLeast } from './python-runtime.ts';
import { unsatisfiedRequirements } from './requirement-checks.ts';
import { ensurePackagesDir } from './target-packages.ts';
import { collectRequirements, ensureVenv } from './venv.ts';

/** Interpreters tried, in order, as the base of the project's virtual environment. */
const BASE_CANDIDATES = ['python3', '/usr/bin/python3'];
/** Interpreters tried for proofpress's own helpers: the system's first, which every sandbox sees under /usr already. */
const HELPER_CANDIDATES = ['/usr/bin/python3', 'python3'];

/**
 * The interpreters of a build. Examples that choose none run on the project's .venv, made to hold the
 * requirements of their posts (or on PROOFPRESS_PYTHON, see defaultPython). Each chosen version
 * (`python: "2.7"`) is discovered (config, PATH, pyenv) and gets an environment of its own under
 * `pythonEnvsDir` with the requirements of the posts that use it; one not installed is recorded as
 * missing, and its examples are not run.
 */
export async function preparePythons(config: ResolvedConfig, needs: PythonNeed[]): Promise<BuildPythons> {
  const defaultNeeds = needs.filter((need) => need.python === undefined);
  const fallback = defaultNeeds.length > 0 ? await defaultPython(config, defaultNeeds) : undefined;
  const chosen = await chosenPythons(config, needs);
  const runtimes = [fallback, ...[...chosen.values()].map((choice) => ('runtime' in choice ? choice.runtime : undefined))];
  // The helper runs the supervisor beside an older Python; with no interpreter at all (every chosen one
  // missing) it is what the run context holds while each example is recorded as not run.
  const found = runtimes.filter((runtime) => runtime !== undefined);
  const needsHelper = found.length === 0 || found.some((runtime) => !versionAtLeast(runtime.version, ...HELPER_MINIMUM));
  const helper = needsHelper ? await findPython(HELPER_CANDIDATES, { why: 'proofpress runs its sandbox supervisor with it, beside the examples on older Pythons' }) : undefined;
  return { default: fallback, chosen, helper };
}

/**
 * The default interpreter (always, as `npm install`'s setup-python makes it) and those posts choose in
 * their front matter: for callers that have posts but no examples. A block's own `python=` is prepared
 * by the build, which knows the blocks.
 */
export function preparePostPythons(config: ResolvedConfig, posts: { source: string; requirements: string[]; python?: string }[]): Promise<BuildPythons> {
  const needs: PythonNeed[] = posts.map((post) => ({ source: post.source, requirements: post.requirements, python: post.python }));
  return preparePythons(config, [{ source: '(default)', requirements: [] }, ...needs]);
}

/**
 * The default interpreter. PROOFPRESS_PYTHON (any version, 2.7 included) is used as is: what it already
 * satisfies of the posts' requirements is not installed again, and what it lacks is installed into a
 * folder of `pythonEnvsDir` put on its path, so a post's requirements are never silently skipped.
 */
async function defaultPython(config: ResolvedConfig, needs: PythonNeed[]): Promise<PythonRuntime> {
  const requirements = collectRequirements(needs);
  if (!config.pythonOverride) return ensureVenv({ venvDir: config.venvDir, baseCandidates: BASE_CANDIDATES, requirements });
  const given = await findPython([config.pythonOverride], { anyVersion: true });
  const lacking = await unsatisfiedRequirements(given, requirements);
  return ensurePackagesDir({ dir: path.join(config.pythonEnvsDir, `override-python-${given.version}`), base: given, requirements: lacking });
}

async function chosenPythons(config: ResolvedConfig, needs: PythonNeed[]): Promise<Map<string, PythonChoice>> {
  const versions = [...new Set(needs.flatMap((need) => (need.python === undefined ? [] : [need.python])))].sort();
  const search = { explicit: config.pythons, ...config.pythonSearch };
  const found = await Promise.all(versions.map(async (version) => ({ version, discovery: await discoverPython(version, search) })));
  const chosen = new Map<string, PythonChoice>();
  // Two prefixes may name one interpreter ("3" and "3.11"): it gets one environment with both sets of posts' requirements.
  const byInterpreter = new Map<string, { base: PythonRuntime; versions: string[] }>();
  for (const { version, discovery } of found) {
    if ('missing' in discovery) {
      chosen.set(version, { missing: missingPython(version, describeSearch(version, config, discovery.missing.tried)) });
      continue;
    }
    const entry = byInterpreter.get(discovery.runtime.executable) ?? { base: discovery.runtime, versions: [] };
    entry.versions.push(version);
    byInterpreter.set(discovery.runtime.executable, entry);
  }
  for (const { base, versions } of byInterpreter.values()) {
    const requirements = collectRequirements(needs.filter((need) => need.python !== undefined && versions.includes(need.python)));
    const runtime = await environmentFor(config, base, requirements);
    for (const version of versions) chosen.set(version, { runtime });
  }
  return chosen;
}

// Python 3 gets a venv (only what the posts declare is importable); Python 2 has no venv module, so its
// packages go into a folder of their own with its own pip (`pip install --target`), put on PYTHONPATH.
function environmentFor(config: ResolvedConfig, base: PythonRuntime, requirements: ReturnType<typeof collectRequirements>): Promise<PythonRuntime> {
  const dir = path.join(config.pythonEnvsDir, `python-${base.version}`);
  if (versionAtLeast(base.version, 3, 3)) return ensureVenv({ venvDir: dir, base, requirements, pipOnlyWhenNeeded: true });
  return ensurePackagesDir({ dir, base, requirements });
}

function describeSearch(version: string, config: ResolvedConfig, tried: string[]): string {
  const [major, minor] = version.split('.');
  const name = minor === undefined ? `python${major}` : `python${major}.${minor}`;
  const places = [`\`${name}\` on PATH`, `${path.join(config.pythonSearch.pyenvRoot, 'versions')}/${version}.*`];
  if (Object.keys(config.pythons).length > 0) places.unshift('the config\'s `pythons`');
  return `${places.join(', ')}${tried.length > 0 ? `; tried ${tried.join(', ')} (none runs as Python ${version})` : ''}`;
}
