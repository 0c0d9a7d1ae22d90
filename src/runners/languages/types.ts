// The contract between a language of the catalogue and the runners: how a file runs, how the runtime is named, what the sandbox must hold.
//
// Structural views of the sandbox and the run context are used instead of their types: runners/sandbox.ts
// asks the language what it needs, so importing sandbox.ts from here would make a cycle.
import type { Example } from '../../examples/extract.ts';
import type { PythonRuntime } from '../python-runtime.ts';
import type { Isolation } from '../sandbox/isolation.ts';

/** What a command line may use of the example's sandbox (a part of runners/sandbox.ts's `Sandbox`). */
export interface CommandSandbox {
  /** The Python interpreter, as the example sees it. */
  python: string;
  /** A folder the example may write, private to its sandbox (a compiled program goes there). */
  scratchDir: string;
}

/** What a language needs from the sandbox beyond what every sandbox has. */
export interface SandboxNeeds {
  /** Installations outside /usr seen read-only at their own paths (a toolchain whose paths are compiled in). */
  tools: string[];
  /** Host folders seen read-only at another path (namespaces only; the process layer uses host paths). */
  mounts: { host: string; inside: string }[];
  /** Variables added to the sandbox's allow-listed environment. */
  env: Record<string, string>;
}

/** One language's way of running a program example (run=http, run=script). */
export interface LanguageRunner {
  /** The file name a block without `file=` is saved under. */
  defaultFile: string;
  /** The command that runs `file` in `sandbox`; `fence` is the block's language word (`bash` or `sh`). */
  command(sandbox: CommandSandbox, file: string, fence: string): string[];
  /** The runtime in words, for the verification line (`Node.js 20.20.2`). */
  describe(ctx: { python: PythonRuntime }, fence: string): string;
  /**
   * What `example` needs from its sandbox, found (and made ready) on the host before the sandbox starts.
   * Throws a RunnerError naming the example when the machine lacks the language. Absent: nothing beyond the defaults.
   */
  prepare?(example: Example, isolation: Isolation): Promise<SandboxNeeds>;
  /**
   * The toolchain's version and platform for the verification cache's fingerprint (`none` when missing).
   * Absent for languages run by what is fingerprinted already (the build's Python and Node.js, /usr).
   */
  version?(): Promise<string>;
}
