// The one place proofpress starts and stops the processes of examples (sandboxes): spawn, output capture, reports, group kill.
import type { Readable } from 'node:stream';
import { execa } from 'execa';
import { onExit } from 'signal-exit';

/** The file descriptor on which sandboxed processes report events (listening ports, exits) as JSON lines. */
export const REPORT_FD = 3;

/** A JSON message the sandbox's supervisor wrote on the report descriptor (fd 3). */
export interface ProcessReport {
  event: string;
  [key: string]: unknown;
}

/** How a process ended. */
export interface ProcessExit {
  exitCode?: number;
  signal?: string;
}

/** A running example process. */
export interface ProcessHandle {
  pid: number;
  /** Everything printed so far, stdout and stderr interleaved (capped). */
  log(): string;
  /** Standard output alone (capped). */
  stdout(): string;
  /** Resolves with the first report of `event` that `match` accepts, or undefined if the process exits first. */
  waitForReport(event: string, match?: (report: ProcessReport) => boolean): Promise<ProcessReport | undefined>;
  /** Every report of `event` so far. */
  reports(event: string): ProcessReport[];
  /** What a command started with output capture printed so far (its `output` reports; capped), and whether its output has ended. */
  captured(id: string): { text: string; ended: boolean };
  /** Write a line to the process's standard input (only with `stdin: 'pipe'`). */
  writeLine(line: string): void;
  /** True once the process printed more than its output limit (see `limitOutput`) and was killed for it. */
  outputExceeded(): boolean;
  /** Kill the process once stdout and stderr together exceed `bytes` (a warm sandbox learns its example's limit when it is handed one). */
  limitOutput(bytes: number): void;
  /** Settles when the process exits, whoever killed it. */
  exited: Promise<ProcessExit>;
  /** Kill the whole process group and release its pipes. Safe to call more than once. */
  kill(): Promise<void>;
}

export interface StartOptions {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** A pipe for `writeLine`, else standard input is closed. @default 'ignore' */
  stdin?: 'pipe' | 'ignore';
}

const LOG_CAP = 256 * 1024;
const SETTLE_AFTER_KILL_MS = 2_000;

// Process groups still alive, killed if proofpress itself exits (normally or on SIGINT/SIGTERM).
// execa's own `cleanup` skips detached children, which is what every example is.
const liveGroups = new Set<number>();
onExit(() => {
  for (const pid of liveGroups) killGroup(pid);
});

/**
 * Killing the group, not the child: examples are servers, and servers fork (wsgiref does not, but
 * Paste, gunicorn and flup's prefork do). Each example is spawned `detached: true`, which makes it the
 * leader of a new process group whose id is its pid; `process.kill(-pid)` then signals every member.
 * SIGKILL because servers may ignore SIGTERM (flup takes ~0.9 s on it). A daemon that double-forks
 * and calls setsid() escapes the group; it would keep our pipes open, so `kill()` destroys the streams
 * and never waits longer than SETTLE_AFTER_KILL_MS for the child to settle.
 */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
  liveGroups.delete(pid);
}

/** Start a process in its own process group with an explicit environment and a report pipe on fd 3. */
export function startProcess(options: StartOptions): ProcessHandle {
  const child = execa(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    detached: true,
    cleanup: false,
    buffer: false,
    reject: false,
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${options.command}`);
  liveGroups.add(pid);
  let log = '';
  let out = '';
  let printed = 0;
  let exceeded = false;
  let maxOutputBytes: number | undefined;
  const count = (chunk: Buffer) => {
    printed += chunk.length;
    if (maxOutputBytes !== undefined && printed > maxOutputBytes && !exceeded) {
      exceeded = true;
      killGroup(pid);
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    count(chunk);
    log = cap(log + chunk.toString('utf8'));
    out = cap(out + chunk.toString('utf8'));
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    count(chunk);
    log = cap(log + chunk.toString('utf8'));
  });
  child.stdin?.on('error', () => {});
  // Output of captured commands (console sessions) arrives as reports: it is output like any other,
  // so it counts towards the output limit and the log, and is kept per command rather than as reports.
  const capturedOutput = new Map<string, { text: string; ended: boolean }>();
  const intercept = (report: ProcessReport): boolean => {
    if (report.event !== 'output' && report.event !== 'output-end') return false;
    const id = String(report.id);
    const entry = capturedOutput.get(id) ?? { text: '', ended: false };
    capturedOutput.set(id, entry);
    if (report.event === 'output-end') {
      entry.ended = true;
      return false; // also delivered, so that waitForReport('output-end') works
    }
    const text = typeof report.data === 'string' ? report.data : '';
    count(Buffer.from(text));
    entry.text = cap(entry.text + text);
    log = cap(log + text);
    return true;
  };
  const reports = collectReports(child.stdio[REPORT_FD] as Readable | undefined, intercept);
  // The process's own exit, not execa's promise: that one also waits for stdout and stderr to close,
  // which a child the example left running (holding them open) would delay until it is killed.
  const exited = new Promise<ProcessExit>((resolve) => {
    child.on('exit', (code, signal) => resolve(signal ? { signal } : { exitCode: code ?? undefined }));
    child.catch(() => resolve({}));
  });
  void exited.then(() => liveGroups.delete(pid));
  let killed: Promise<void> | undefined;
  return {
    pid,
    log: () => log,
    stdout: () => out,
    waitForReport: (event, match = () => true) => Promise.race([reports.waitFor(event, match), exited.then(() => reports.find(event, match))]),
    reports: (event) => reports.all(event),
    captured: (id) => ({ ...(capturedOutput.get(id) ?? { text: '', ended: false }) }),
    writeLine: (line) => void child.stdin?.write(`${line}\n`),
    outputExceeded: () => exceeded,
    limitOutput: (bytes) => void (maxOutputBytes = bytes),
    exited,
    kill: () => {
      killed ??= (async () => {
        killGroup(pid);
        for (const stream of child.stdio) (stream as Readable | null)?.destroy();
        await Promise.race([exited, delay(SETTLE_AFTER_KILL_MS)]);
      })();
      return killed;
    },
  };
}

// The report channel is written by the example's process, so it is bounded like its output: a line
// longer than this is skipped up to its newline, and reports past the count are not kept (a flood of
// 700 MiB without a newline once grew the build to 700 MB, re-scanning its buffer on every chunk).
const MAX_REPORT_LINE_BYTES = 64 * 1024;
const MAX_KEPT_REPORTS = 10_000;
const NEWLINE = 0x0a;

function collectReports(stream: Readable | undefined, intercept: (report: ProcessReport) => boolean) {
  type Match = (report: ProcessReport) => boolean;
  const seen: ProcessReport[] = [];
  let waiters: { event: string; match: Match; resolve: (report: ProcessReport) => void }[] = [];
  const deliver = (line: string) => {
    const report = parseReport(line);
    if (!report || intercept(report)) return;
    if (seen.length < MAX_KEPT_REPORTS) seen.push(report);
    // Those waiting get the report even past the cap: it costs no memory.
    const matched = waiters.filter((w) => w.event === report.event && w.match(report));
    if (matched.length === 0) return;
    waiters = waiters.filter((w) => !matched.includes(w));
    for (const waiter of matched) waiter.resolve(report);
  };
  stream?.on('data', splitLines(MAX_REPORT_LINE_BYTES, deliver));
  stream?.on('error', () => {});
  return {
    all: (event: string) => seen.filter((report) => report.event === event),
    find: (event: string, match: Match) => seen.find((report) => report.event === event && match(report)),
    waitFor: (event: string, match: Match) =>
      new Promise<ProcessReport>((resolve) => {
        const found = seen.find((report) => report.event === event && match(report));
        if (found) resolve(found);
        else waiters.push({ event, match, resolve });
      }),
  };
}

/**
 * A `data` listener that calls `onLine` with each complete line (UTF-8, without its newline). Each byte
 * is looked at once: the unfinished line is kept as a list of chunks, joined only when its newline comes.
 * A line over `maxBytes` is dropped as soon as it gets that long, and the rest of it up to the newline.
 */
function splitLines(maxBytes: number, onLine: (line: string) => void): (chunk: Buffer | string) => void {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  return (data) => {
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE, start); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      if (!skipping && pendingBytes + newline - start <= maxBytes) {
        pending.push(chunk.subarray(start, newline));
        onLine(Buffer.concat(pending).toString('utf8'));
      }
      pending = [];
      pendingBytes = 0;
      skipping = false;
      start = newline + 1;
    }
    if (skipping || start === chunk.length) return;
    if (pendingBytes + chunk.length - start > maxBytes) {
      pending = [];
      pendingBytes = 0;
      skipping = true;
      return;
    }
    // A copy, so that the kept part of a line does not hold on to the whole chunk it came in.
    pending.push(Buffer.from(chunk.subarray(start)));
    pendingBytes += chunk.length - start;
  };
}

function parseReport(line: string): ProcessReport | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && 'event' in value ? (value as ProcessReport) : undefined;
  } catch {
    return undefined;
  }
}

function cap(text: string): string {
  return text.length > LOG_CAP ? text.slice(text.length - LOG_CAP) : text;
}

/** Resolve after `ms` milliseconds (timer unref'd so it never keeps proofpress alive). */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** `promise`'s value, or 'timeout' when it takes longer than `ms` milliseconds. */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([promise, delay(ms).then(() => 'timeout' as const)]);
}

/** How a process ended, in words: `code 1` or `signal SIGKILL`. */
export function describeExit(exit: ProcessExit): string {
  return exit.signal ? `signal ${exit.signal}` : `code ${exit.exitCode}`;
}
