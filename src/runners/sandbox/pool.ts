// Warm sandboxes kept ready for the next example, so bubblewrap's and the supervisor's start-up overlap the previous example.

/** A sandbox prepared before its example is known. */
export interface WarmSlot {
  /** False once its supervisor has died (it is then not handed out). */
  alive(): boolean;
  dispose(): Promise<void>;
}

/** Warm slots by shape (what must be fixed when a sandbox starts: its network and folder size). */
export interface SandboxPool<T extends WarmSlot = WarmSlot> {
  /** A warm slot of this shape, if one is ready. */
  take(shape: string): T | undefined;
  /** Prepare one more slot of this shape soon (after the caller's current work), up to the pool's size. */
  refill(shape: string, prepare: () => T): void;
  /** Dispose of every idle slot; the pool prepares no more. */
  drain(): Promise<void>;
}

/**
 * A pool of at most `size` idle slots in all. Slots are prepared on a later turn of the event loop
 * (setImmediate), so handing one out never waits for its replacement to start.
 */
export function createSandboxPool<T extends WarmSlot>(size: number): SandboxPool<T> {
  const idle = new Map<string, T[]>();
  const disposing = new Set<Promise<void>>();
  let count = 0;
  let drained = false;
  return {
    take(shape) {
      const slots = idle.get(shape) ?? [];
      let slot: T | undefined;
      while ((slot = slots.shift())) {
        count--;
        if (slot.alive()) return slot;
        const disposal = slot.dispose().finally(() => disposing.delete(disposal));
        disposing.add(disposal);
      }
      return undefined;
    },
    refill(shape, prepare) {
      setImmediate(() => {
        if (drained || count >= size) return;
        count++;
        idle.set(shape, [...(idle.get(shape) ?? []), prepare()]);
      });
    },
    async drain() {
      drained = true;
      const slots = [...idle.values()].flat();
      idle.clear();
      count = 0;
      await Promise.all([...slots.map((slot) => slot.dispose()), ...disposing]);
    },
  };
}
