// Progress output while a build runs, to stderr: a line per step; examples as one live line on a terminal, else a line per passed or failed one.
import type { ProofpressError } from '../errors.ts';
import { escapeControls } from '../util/text.ts';
import type { Verification } from '../verify/types.ts';
import { formatError } from './format-error.ts';
import { createLiveLine, type ProgressState, type RunningExample } from './live-progress.ts';

export type { RunningExample } from './live-progress.ts';

export interface Reporter {
  step(name: string, ms: number): void;
  /** Verifying begins: `total` examples will be reported through `example`. */
  verifying?(total: number): void;
  /** An example starts to run (not one answered by the cache, nor one that is not run). */
  started?(example: RunningExample): void;
  example(verification: Verification): void;
  info(message: string): void;
  /** A failure the build publishes anyway (onExampleFailure: "warn"); printed in full, even when quiet. */
  warning(error: ProofpressError): void;
  /** The build is over (or failed): remove the live line, so that what is printed next starts on a line of its own. */
  end?(): void;
}

/** How a reporter prints. */
export interface ReporterOptions {
  /**
   * One live line rewritten in place for the examples, instead of a line per example. @default true when
   * `stream` is a terminal (and TERM is not `dumb`) and the reporter is not quiet: CI logs and pipes get plain lines.
   */
  live?: boolean;
}

/**
 * A reporter writing to `stream`; `quiet` keeps only failures. Examples that are not run are never printed one
 * by one (a site of 1,000 posts has thousands of them): the summary counts them.
 */
export function createReporter(stream: NodeJS.WritableStream = process.stderr, quiet = false, options: ReporterOptions = {}): Reporter {
  const terminal = (stream as NodeJS.WriteStream).isTTY === true && process.env.TERM !== 'dumb';
  const live = (options.live ?? (terminal && !quiet)) ? createLiveLine(stream as NodeJS.WriteStream) : undefined;
  const progress: ProgressState = { total: 0, done: 0, failed: 0, running: new Map() };
  // File names and labels come from posts: no line may carry a raw escape sequence (these lines have no colour).
  const write = (line: string) => (live ? live.print(`${escapeControls(line)}\n`) : stream.write(`${escapeControls(line)}\n`));
  const render = () => {
    if (!live || progress.total === 0) return;
    if (progress.done < progress.total) live.render(progress);
    else live.clear(); // all done: the step line "Verified N examples" comes next
  };
  return {
    step: (name, ms) => {
      // Steps run one after another: a step that ends (such as "Verified N examples") ends the live line too.
      progress.total = 0;
      live?.clear();
      if (!quiet) write(`✓ ${name} (${ms} ms)`);
    },
    verifying: (total) => {
      Object.assign(progress, { total, done: 0, failed: 0, running: new Map() });
      render();
    },
    started: (example) => {
      progress.running.set(example.id, example);
      render();
    },
    example: (v) => {
      progress.running.delete(v.exampleId);
      progress.done += 1;
      if (v.status === 'failed') progress.failed += 1;
      const shown = v.status === 'failed' || (v.status === 'passed' && !quiet && !live);
      if (shown) write(exampleLine(v));
      render();
    },
    info: (message) => quiet || write(message),
    warning: (error) => write(formatError(error).replace(/^✗/, '⚠')),
    end: () => live?.clear(),
  };
}

function exampleLine(v: Verification): string {
  const timing = v.record ? ` ${v.record.durationMs} ms${v.cached ? ', cached' : ''}` : '';
  return `  ${v.status === 'failed' ? '✗' : '✓'} ${v.source}:${v.line} ${v.label} — ${v.status}${timing}`;
}

/** A reporter that prints nothing (tests, in-memory builds). */
export const silentReporter: Reporter = { step: () => {}, example: () => {}, info: () => {}, warning: () => {} };
