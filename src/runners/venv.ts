// Creates and refreshes the project-local virtual environment holding the Python packages posts declare.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { RunnerError } from '../errors.ts';
import { findPython, probePython, type PythonRuntime } from './python-runtime.ts';
import { applicableRequirements } from './requirement-checks.ts';

/** A requirement specifier and the posts that declare it. */
export interface DeclaredRequirement {
  requirement: string;
  posts: string[];
}

const STAMP = 'proofpress-requirements.json';
const PIP_TIMEOUT_MS = 10 * 60_000;

/** Merge the `requirements` of each post into one sorted list, remembering who asked for what. */
export function collectRequirements(posts: { source: string; requirements: string[] }[]): DeclaredRequirement[] {
  const byRequirement = new Map<string, string[]>();
  for (const post of posts) for (const requirement of post.requirements) byRequirement.set(requirement, [...(byRequirement.get(requirement) ?? []), post.source]);
  return [...byRequirement].sort(([a], [b]) => a.localeCompare(b)).map(([requirement, posts]) => ({ requirement, posts }));
}

/** What ensureVenv makes a venv from, and what it puts in. */
export interface VenvOptions {
  venvDir: string;
  /** The base interpreter, already probed; else the first Python 3 among `baseCandidates`. */
  base?: PythonRuntime;
  /** Commands tried, in order, as the base when `base` is not given. @default ['python3'] */
  baseCandidates?: string[];
  requirements: DeclaredRequirement[];
  /**
   * Leave pip out when nothing is to be installed for this interpreter (no requirements, or only ones whose
   * marker excludes it): `--without-pip` takes ~0.1 s instead of ~4 s. The project's .venv keeps pip, for
   * users who install into it by hand. @default false
   */
  pipOnlyWhenNeeded?: boolean;
}

/**
 * Make sure `venvDir` exists, was made from the base interpreter, and holds exactly what posts
 * declare. A stamp file records both; when it matches, this costs one interpreter start-up.
 */
export async function ensureVenv(options: VenvOptions): Promise<PythonRuntime> {
  const venvPython = path.join(options.venvDir, 'bin', 'python');
  const base = options.base ?? (await findPython(options.baseCandidates ?? ['python3']));
  const wanted = JSON.stringify({ base: base.executable, version: base.version, requirements: options.requirements.map((r) => r.requirement) });
  const stampFile = path.join(options.venvDir, STAMP);
  const stamp = existsSync(stampFile) ? await readFile(stampFile, 'utf8') : '';
  if (stamp === wanted) {
    const runtime = await probePython(venvPython);
    if (runtime) return runtime;
  }
  const toInstall = options.pipOnlyWhenNeeded ? await applicableRequirements(base, options.requirements) : options.requirements;
  await createVenv(base, options.venvDir, !options.pipOnlyWhenNeeded || toInstall.length > 0);
  if (toInstall.length > 0) await installRequirements(venvPython, toInstall);
  await writeFile(stampFile, wanted);
  const runtime = await probePython(venvPython);
  if (!runtime) throw new RunnerError(`The virtual environment at ${options.venvDir} does not start`, { hint: `Delete ${options.venvDir} and run \`npm install\` again.` });
  return runtime;
}

async function createVenv(base: PythonRuntime, venvDir: string, withPip: boolean): Promise<void> {
  const result = await execa(base.executable, ['-m', 'venv', '--clear', ...(withPip ? [] : ['--without-pip']), venvDir], { reject: false, stdin: 'ignore', all: true });
  if (result.exitCode !== 0) {
    throw new RunnerError(`Could not create the Python virtual environment ${venvDir} with ${base.executable}`, {
      hint: 'On Debian/Ubuntu install the venv module: `apt-get install python3-venv`. Then run `npm install` again.',
      details: [String(result.all ?? '').trim()],
    });
  }
}

/**
 * `python -m pip install` the requirements (with `pipArgs` such as `--target DIR`); a failure names the
 * requirement pip could not satisfy and the posts that declare it. pip evaluates each requirement's
 * environment marker (`; python_version < "3"`) for `python`, so one list serves Python 2 and 3.
 */
export async function installRequirements(python: string, requirements: DeclaredRequirement[], pipArgs: string[] = []): Promise<void> {
  const result = await execa(
    python,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--quiet', ...pipArgs, ...requirements.map((r) => r.requirement)],
    { reject: false, stdin: 'ignore', all: true, timeout: PIP_TIMEOUT_MS },
  );
  if (result.exitCode === 0) return;
  const output = String(result.all ?? '');
  if (/No module named pip/.test(output)) {
    throw new RunnerError(`${python} has no pip, so the Python requirements ${requirements.map((r) => `\`${r.requirement}\``).join(', ')} cannot be installed for it`, {
      file: requirements[0]?.posts[0],
      hint: `Declared by ${[...new Set(requirements.flatMap((r) => r.posts))].join(', ')}. Install pip for that interpreter (\`${python} -m ensurepip\`, or \`apt-get install python3-pip\`), or choose another interpreter.`,
      details: output.trim().split('\n').slice(-4),
    });
  }
  // pip names the requirement it could not satisfy: "No matching distribution found for flup==9.9".
  const named = /(?:No matching distribution found for|satisfies the requirement) (\S+)/.exec(output)?.[1];
  const culprit = requirements.find((r) => r.requirement === named) ?? requirements.find((r) => named?.startsWith(r.requirement.split(/[=<>!~ ;[]/)[0]!));
  if (!culprit) {
    throw new RunnerError(`Could not install the Python requirements ${requirements.map((r) => r.requirement).join(', ')}`, {
      hint: `Declared by ${[...new Set(requirements.flatMap((r) => r.posts))].join(', ')}; check the names and versions on PyPI and the network, then build again.`,
      details: output.trim().split('\n').slice(-8),
    });
  }
  throw new RunnerError(`Could not install the Python requirement \`${culprit.requirement}\` declared by ${culprit.posts.join(', ')}`, {
    file: culprit.posts[0],
    hint: 'Check the package name and version on PyPI (`pip index versions NAME`), fix `requirements:` in the front matter, then build again.',
    details: output.trim().split('\n').slice(-8),
  });
}
