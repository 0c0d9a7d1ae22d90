// Go: each example is built with `go build` and its program run, in the sandbox, against a standard library compiled ahead on the host.
//
// A cold build of a net/http program compiles 184 packages of the standard library: ~14 s on two
// cores (go1.26.8; all 360 of std: ~29 s, 170 MB), against ~0.5 s with them cached. So proofpress
// compiles std once per machine and Go version, on the host, into a build cache of its own: trusted
// work, as it runs no example code (`go build std`: fixed package names, a fixed environment).
// Sandboxes see that cache read-only, so no example can leave in it anything a later example would
// link (cache poisoning). Go writes its cache best effort: with a read-only GOCACHE it reads the hits
// and drops its own writes silently (the error of `c.Put` is ignored in cmd/go/internal/work/buildid.go),
// so an example's own package is compiled on every run, in well under a second. bubblewrap 0.8 has no
// overlay mounts, and GOCACHEPROG would take a cache server of our own for the same result.
import { realpathSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { RunnerError } from '../../errors.ts';
import type { Example } from '../../examples/extract.ts';
import { tailLines } from '../../util/text.ts';
import type { LanguageRunner } from './types.ts';

/** Where Go's installer puts it (and CI has it); tried after `go` on PATH. */
const USUAL_GO = '/usr/local/go/bin/go';
/** Where sandboxes see the build cache: the host's path would name the build machine's home. */
const CACHE_INSIDE = '/opt/go-build-cache';

interface GoToolchain {
  /** The installation (real path). Sandboxes see it at this same path, where the go command finds its GOROOT and std was compiled from. */
  goroot: string;
  /** e.g. `go1.26.8`. */
  version: string;
  /** e.g. `linux/amd64`. */
  platform: string;
}

// The installed Go cannot change during a build: probed once per process (describe and command,
// which are synchronous, read the result; createSandbox has awaited prepare before either runs).
let probe: Promise<GoToolchain | undefined> | undefined;
let found: GoToolchain | undefined;
const compiledStd = new Map<string, Promise<void>>();

export const goLanguage: LanguageRunner = {
  defaultFile: 'main.go',
  prepare: async (example, isolation) => {
    const go = await findGo();
    if (!go) throw missingGo(example);
    await compileStdOnce(go, example);
    const cache = path.join(goFolder(), 'build-cache');
    // The process layer mounts nothing: its examples use the host's folder, which they could write,
    // as they could any file of the user running the build (that layer is the weaker one, see README).
    const namespaced = isolation.mode === 'namespaces';
    return { tools: [go.goroot], mounts: namespaced ? [{ host: cache, inside: CACHE_INSIDE }] : [], env: buildSettings(namespaced ? CACHE_INSIDE : cache) };
  },
  // `go build`, then the program itself in place of the shell, as a reader who builds would: its exit
  // code and signals stay its own (`go run` reports any failure as `exit status N` and exits 1), and no
  // go command stays beside a server, counting against its limits. The binary goes to the scratch
  // folder, not among the example's files. HOME (a tmpfs) holds GOPATH and GOMODCACHE by default.
  command: (sandbox, file) => {
    const program = path.posix.join(sandbox.scratchDir, path.posix.basename(file, '.go'));
    return ['/bin/sh', '-c', '"$0" build -o "$1" "$2" && exec "$1"', goBinary(prepared()), program, file];
  },
  describe: () => `Go ${prepared().version.replace(/^go/, '')}`,
  version: async () => {
    const go = await findGo();
    return go ? `${go.version} ${go.platform}` : 'none';
  },
};

// What both the host's `go build std` and the examples' builds use: the cache is hit only when they
// match. Without cgo, std's net and os/user are pure Go: no C compiler runs or needs to be installed.
// GOTOOLCHAIN=local: never fetch another Go (a go.mod's `toolchain` line).
function buildSettings(cache: string): Record<string, string> {
  return { GOCACHE: cache, GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };
}

// In the user's cache folder, like the verification cache's key (config/resolve.ts), never in the
// project, whose cache folder CI may restore from elsewhere. One cache for every Go version: Go's keys
// name the toolchain, and `go build std` trims what no version has used for 5 days.
function goFolder(env: NodeJS.ProcessEnv = process.env): string {
  const cacheHome = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(env.HOME || homedir(), '.cache');
  return path.join(cacheHome, 'proofpress', 'go');
}

// proofpress's own go commands get an environment of their own: the user's GOFLAGS or `go env -w`
// settings must not shape a cache the examples use, and Go's telemetry counters stay in our folder.
function hostEnv(folder: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: path.join(folder, 'home'), GOENV: 'off', ...buildSettings(path.join(folder, 'build-cache')) };
}

function findGo(): Promise<GoToolchain | undefined> {
  probe ??= probeGo().then((go) => (found = go));
  return probe;
}

async function probeGo(): Promise<GoToolchain | undefined> {
  for (const candidate of ['go', USUAL_GO]) {
    const result = await execa(candidate, ['env', 'GOROOT', 'GOVERSION', 'GOOS', 'GOARCH'], { env: hostEnv(goFolder()), extendEnv: false, cwd: '/', reject: false, timeout: 20_000, stdin: 'ignore' });
    const [goroot, version, os, arch] = String(result.stdout).trim().split('\n');
    if (result.exitCode === 0 && goroot && version && os && arch) return { goroot: realpathSync(goroot), version, platform: `${os}/${arch}` };
  }
  return undefined;
}

function prepared(): GoToolchain {
  if (!found) throw new Error('the Go runner was used before prepare() found Go');
  return found;
}

function goBinary(go: GoToolchain): string {
  return path.join(go.goroot, 'bin', 'go');
}

/** Compile the standard library into the shared cache, once per process (a no-op ~0.3 s when it is there already). */
function compileStdOnce(go: GoToolchain, example: Example): Promise<void> {
  let compiled = compiledStd.get(go.goroot);
  if (!compiled) compiledStd.set(go.goroot, (compiled = compileStd(go, example)));
  return compiled;
}

// Several builds may do this at once: Go's cache is safe for processes sharing it on one machine.
async function compileStd(go: GoToolchain, example: Example): Promise<void> {
  const folder = goFolder();
  await mkdir(path.join(folder, 'home'), { recursive: true });
  const result = await execa(goBinary(go), ['build', 'std'], { env: hostEnv(folder), extendEnv: false, cwd: path.join(folder, 'home'), reject: false, timeout: 15 * 60_000, stdin: 'ignore', all: true });
  if (result.exitCode === 0) return;
  throw new RunnerError(`Could not compile Go's standard library into proofpress's build cache ${path.join(folder, 'build-cache')}, needed by ${example.label}`, {
    file: example.source,
    line: example.line,
    example: example.label,
    details: [tailLines(String(result.all ?? result.message))],
    hint: `Check that ${goBinary(go)} works (\`go build std\`); deleting ${folder} makes proofpress compile it afresh.`,
  });
}

function missingGo(example: Example): RunnerError {
  return new RunnerError(`Go is needed to run ${example.label} at ${example.source}:${example.line}, and none was found`, {
    file: example.source,
    line: example.line,
    example: example.label,
    hint: `Install Go (https://go.dev/dl/), which proofpress looks for as \`go\` on PATH, then as ${USUAL_GO}; or make the block run=none to show it without running it.`,
  });
}
