// One build at a time: changes that arrive while a build runs are gathered and built once it has finished.

/** Asks for builds; never runs two at once. */
export interface SerialBuilds {
  /** Ask for a build because of `changes` (paths); while one runs, they are kept for the next. */
  request(changes: string[]): void;
  /** Resolves once no build runs and none is waiting (for shutdown and tests). */
  idle(): Promise<void>;
}

/**
 * Run `build(changes)` for the first request at once; requests that come while it runs are coalesced
 * into one more build after it, with every path they named. An editor's save (often several events)
 * so costs at most one extra build. `onError` gets what a build throws; later builds still run.
 */
export function createSerialBuilds(build: (changes: string[]) => Promise<void>, onError: (error: unknown) => void): SerialBuilds {
  let running: Promise<void> | undefined;
  let waiting: Set<string> | undefined;
  const loop = async (first: string[]) => {
    try {
      for (let changes: string[] | undefined = first; changes; ) {
        // A build reports its own errors; what escapes is a bug, which must not stop the next build.
        await build(changes).catch(onError);
        changes = waiting && [...waiting];
        waiting = undefined;
      }
    } finally {
      running = undefined;
    }
  };
  return {
    request(changes) {
      if (running) {
        waiting ??= new Set();
        for (const change of changes) waiting.add(change);
        return;
      }
      running = loop(changes);
    },
    idle: async () => {
      while (running) await running;
    },
  };
}
