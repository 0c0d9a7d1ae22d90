// The one live line a terminal shows while examples run ("Verifying examples 37/120 · running: content/a.md:12 app.py"), rewritten in place.
import { escapeControls } from '../util/text.ts';

/** An example being run, as the live line names it. */
export interface RunningExample {
  id: string;
  source: string;
  line: number;
  label: string;
}

/** What the live line knows; `describeProgress` turns it into text. */
export interface ProgressState {
  total: number;
  done: number;
  failed: number;
  /** By example id, in the order they started. */
  running: Map<string, RunningExample>;
}

/** The live line's text, cut to `width` characters (a wrapped line could no longer be rewritten in place). */
export function describeProgress(state: ProgressState, width: number): string {
  const head = `Verifying examples ${state.done}/${state.total}${state.failed > 0 ? ` · ${state.failed} failed` : ''}`;
  // `simpletest.py (run=http)` → `simpletest.py`: the run kind adds nothing to "which one is slow".
  const names = [...state.running.values()].map((example) => `${example.source}:${example.line} ${example.label.replace(/ \(run=[^)]*\)$/, '')}`);
  const text = escapeControls(names.length > 0 ? `${head} · running: ${names.join(', ')}` : head);
  return [...text].length <= width ? text : `${[...text].slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** A line at the bottom of a terminal that other output scrolls above. */
export interface LiveLine {
  /** Show `state` (again). */
  render(state: ProgressState): void;
  /** Write `text` (whole lines, newline included) above the live line, which is drawn again after it. */
  print(text: string): void;
  /** Remove the live line for good (until the next render). */
  clear(): void;
}

// Carriage return, then "erase the whole line" (CSI 2 K): the cursor stays on the line, which is written again.
const ERASE = '\r\u001b[2K';

/** The live line of `stream`, a terminal; its width is read at each render, so a resized window is followed. */
export function createLiveLine(stream: NodeJS.WritableStream & { columns?: number }): LiveLine {
  let shown: string | undefined;
  let last: ProgressState | undefined;
  const draw = (text: string | undefined) => {
    if (text === shown) return;
    stream.write(`${shown === undefined ? '' : ERASE}${text ?? ''}`);
    shown = text;
  };
  return {
    render(state) {
      last = state;
      draw(describeProgress(state, (stream.columns ?? 80) - 1));
    },
    print(text) {
      if (shown === undefined) return void stream.write(text);
      stream.write(`${ERASE}${text}`);
      shown = undefined;
      if (last) draw(describeProgress(last, (stream.columns ?? 80) - 1));
    },
    clear() {
      draw(undefined);
      last = undefined;
    },
  };
}
