// The contract between the runner registry and each runner kind, and the record a run produces.
import type { Example } from '../examples/extract.ts';
import type { RunKind } from '../examples/fence-info.ts';
import type { BuildPythons } from './build-pythons.ts';
import type { PythonRuntime } from './python-runtime.ts';
import type { Sandbox, SandboxSettings } from './sandbox.ts';

/** What ran an example: shown in the verification line. */
export interface RuntimeInfo {
  /** The interpreter that ran the example, e.g. `Python 3.11.7`, `Python 2.7.18` or `Node.js 20.20.2`. */
  interpreter: string;
  /** e.g. `wsgiref HTTP server started by the example`. */
  gateway: string;
  /** For FastCGI: the front end that spoke HTTP to the reader (nginx, embedded). */
  frontEnd?: string;
  /** Other versions that matter (flup, nginx), name → version. */
  components?: Record<string, string>;
  /** How the example was isolated, e.g. `namespaces (bubblewrap 0.8.0)`. */
  isolation?: string;
}

/** An HTTP exchange as the client saw it. */
export interface HttpCapture {
  /** e.g. `HTTP/1.0 200 OK`. */
  statusLine: string;
  status: number;
  headers: [string, string][];
  body: string;
}

/** One request proofpress made, and what came back. */
export interface ExchangeRecord {
  /** File line of the request in the post (its ```http block), or of the example for its default request. */
  line: number;
  request: { method: string; path: string; port: number };
  response?: HttpCapture;
  /** Set when no response came (nothing listening on that port, connection refused, timeout). */
  error?: string;
}

/** One command of a console session, as it ran. */
export interface CommandRecord {
  /** File line of its `$ ` line. */
  line: number;
  command: string;
  /** Its stdout and stderr, merged as a terminal shows them (for a server: what it printed before the session moved on). */
  output: string;
  exitCode?: number;
  signal?: string;
  /** Set when it was still running and listening: a server left up for what follows. */
  server?: { port: number };
  /** A command of an earlier block of the same session, run again to reach this block's state. */
  replayed: boolean;
  /** Set when it neither exited nor listened in time. */
  error?: string;
}

/** What happened when an example ran; plain data, checked later by verify/. */
export interface RunRecord {
  /** Set when the run could not produce a result (server exited, timeout, no answer). */
  error?: string;
  /** The first response (the one of the default request, or of the first exchange). */
  http?: HttpCapture;
  /** Every request made, in order (the ```http block's exchanges, or the default `GET path`). */
  exchanges?: ExchangeRecord[];
  /** A console session's commands, in order. */
  commands?: CommandRecord[];
  /** For run=script: standard output and the exit code. */
  stdout?: string;
  exitCode?: number;
  /** Everything the example's processes printed (stdout and stderr interleaved), capped. */
  serverLog: string;
  startedAt: string;
  durationMs: number;
  runtime: RuntimeInfo;
}

/** Shared, per-build facts a runner needs. */
export interface RunContext {
  /**
   * The Python of the example being run: runExample puts the example's own here (its `python=`, its post's
   * `python:`, else the default), so runners read one interpreter. In the build's context, the default one.
   */
  python: PythonRuntime;
  /** Every interpreter of the build; absent: every example runs on `python`. */
  pythons?: BuildPythons;
  /** What an example whose chosen Python is missing becomes: `warn` not run, `error` failed (`--strict`). @default 'warn' */
  missingInterpreter?: 'warn' | 'error';
  /** Isolation, interpreter and default limits every example's sandbox is made with. */
  sandbox: SandboxSettings;
  /** The isolation in words, recorded with every run. */
  isolationLabel: string;
  timeoutMs: number;
  /** What speaks HTTP to run=fastcgi apps; 'auto' is nginx when installed, else the embedded client. @default 'auto' */
  fastcgiFrontEnd?: 'nginx' | 'embedded' | 'auto';
}

/** One way of running an example. */
export interface Runner {
  kind: Exclude<RunKind, 'none'>;
  run(example: Example, sandbox: Sandbox, ctx: RunContext): Promise<RunRecord>;
}
