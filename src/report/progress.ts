// Progress output while a build runs: one line per step and per example, to stderr.
import type { ProofpressError } from '../errors.ts';
import { escapeControls } from '../util/text.ts';
import type { Verification } from '../verify/types.ts';
import { formatError } from './format-error.ts';

export interface Reporter {
  step(name: string, ms: number): void;
  example(verification: Verification): void;
  info(message: string): void;
  /** A failure the build publishes anyway (onExampleFailure: "warn"); printed in full, even when quiet. */
  warning(error: ProofpressError): void;
}

/** A reporter writing to `stream`; `quiet` keeps only failures. */
export function createReporter(stream: NodeJS.WritableStream = process.stderr, quiet = false): Reporter {
  // File names and labels come from posts: no line may carry a raw escape sequence (these lines have no colour).
  const write = (line: string) => stream.write(`${escapeControls(line)}\n`);
  return {
    step: (name, ms) => quiet || write(`✓ ${name} (${ms} ms)`),
    example: (v) => {
      if (quiet && v.status !== 'failed') return;
      const mark = v.status === 'passed' ? '  ✓' : v.status === 'failed' ? '  ✗' : '  ·';
      const timing = v.record ? ` ${v.record.durationMs} ms${v.cached ? ', cached' : ''}` : '';
      write(`${mark} ${v.source}:${v.line} ${v.label} — ${v.status}${timing}`);
    },
    info: (message) => quiet || write(message),
    warning: (error) => write(formatError(error).replace(/^✗/, '⚠')),
  };
}

/** A reporter that prints nothing (tests, in-memory builds). */
export const silentReporter: Reporter = { step: () => {}, example: () => {}, info: () => {}, warning: () => {} };
