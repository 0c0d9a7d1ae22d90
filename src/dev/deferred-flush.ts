// The render cache as `proofpress dev` uses it: pages and blocks stay in memory, and reach disk once the edits pause.
import type { RenderStore } from '../render/cache/render-store.ts';

/** A render store whose writes wait for a pause, and a way to write what is left now. */
export interface DeferredFlushStore extends RenderStore {
  /** Write every entry not written yet, at once (when the server stops). */
  flushNow(): Promise<void>;
}

/**
 * `store`, whose `flush` (called by every build) only schedules the write for `delayMs` after the latest build, so
 * the packs are written while the writer reads the page, not during the next rebuild. Writing a pack per rebuild cost
 * up to 40 ms of each (issue 12); entries set meanwhile go into one pack. A dev server killed before the pause loses
 * only the entries of its last edits: the next start renders those pages again.
 */
export function deferFlush(store: RenderStore, delayMs: number): DeferredFlushStore {
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  // One write at a time: a pack is never written while the one before is still being merged.
  const write = () => (writing = writing.then(() => store.flush()));
  return {
    load: (keys) => store.load(keys),
    peek: (key) => store.peek(key),
    isEmpty: () => store.isEmpty(),
    set: (key, content) => store.set(key, content),
    forgetUnused: () => store.forgetUnused(),
    flush() {
      clearTimeout(timer);
      timer = setTimeout(write, delayMs).unref(); // never what keeps the process alive
      return Promise.resolve();
    },
    flushNow() {
      clearTimeout(timer);
      return write();
    },
  };
}
