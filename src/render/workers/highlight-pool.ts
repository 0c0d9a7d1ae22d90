// Stage 6a: highlight many blocks on every core: worker threads, each with its own highlighter, plus this thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CodeThemes, HighlightRequest } from '../highlight.ts';
import { type BlockHighlighter, createBlockHighlighter } from '../highlight-fallback.ts';

/** What each worker is started with: shiki is loaded with the themes at once, grammars as blocks need them. */
export interface HighlightWorkerData {
  entry: string;
  themes?: CodeThemes;
}

/** Blocks sent to a worker in one message. */
export interface HighlightBatch {
  id: number;
  blocks: HighlightRequest[];
}

/** A worker's message: ready for work, a batch's HTML (in order), or why the batch failed. */
export type HighlightReply = { ready: true } | { id: number; html: string[] } | { id: number; error: string };

/** How to share the work. */
export interface ThreadOptions {
  themes?: CodeThemes;
  /** Threads besides this one. @default availableParallelism() - 1 (this thread highlights too) */
  workers?: number;
  /** Whether this thread highlights too; without it, `workers` is at least 1. @default true */
  local?: boolean;
  /** The module each worker runs instead of highlight-worker (tests start one that fails). */
  workerEntry?: URL;
}

/** Highlighting threads, started ahead of the work. */
export interface HighlightThreads {
  /** The HTML of each block, in order. */
  highlight(blocks: HighlightRequest[]): Promise<string[]>;
  /** Stop the worker threads (one still starting is not waited for); again does nothing. */
  close(): void;
}

const WORKER_LIMITS = { maxOldGenerationSizeMb: 256 };

// A batch is ~20-50 ms of work: small enough that the last batches finish together, large enough that messages cost little.
const BATCH = 24;

/**
 * Start the worker threads now, so that they load tsx and shiki (~0.3 s each) while this thread does other work.
 * When blocks come, this thread highlights too, from the first batch: whoever is free takes the next batch.
 */
export function startHighlightThreads(options: ThreadOptions = {}): HighlightThreads {
  const local = options.local ?? true;
  const count = Math.max(local ? 0 : 1, options.workers ?? availableParallelism() - 1);
  const workers = Array.from({ length: count }, () => startWorker(options.themes, options.workerEntry));
  let highlighter: Promise<BlockHighlighter> | undefined;
  let closed = false;
  return {
    // Without threads of its own to help, this thread still highlights when none of the workers could start.
    highlight: (blocks) => shareOut(blocks, workers, () => (highlighter ??= createBlockHighlighter([], options.themes)), local),
    close() {
      if (closed) return;
      closed = true;
      for (const { worker } of workers) void worker.terminate();
      void highlighter?.then((made) => made.dispose());
    },
  };
}

/** Highlight `blocks` on threads started for them alone (see startHighlightThreads). */
export async function highlightInThreads(blocks: HighlightRequest[], options: ThreadOptions = {}): Promise<string[]> {
  const batches = Math.ceil(blocks.length / BATCH);
  const threads = startHighlightThreads({ ...options, workers: Math.min(options.workers ?? availableParallelism() - 1, (options.local ?? true) ? batches - 1 : batches) });
  try {
    return await threads.highlight(blocks);
  } finally {
    threads.close();
  }
}

/** A worker and what the pool knows of it. */
interface PoolWorker {
  worker: Worker;
  /** Whether it answered that it is ready (and has no batch now). */
  idle: boolean;
  alive: boolean;
  /** Called with each of its messages, and when it stops: the batch it held goes back to the queue. */
  onMessage?: (reply: HighlightReply) => void;
  onStop?: () => void;
}

function startWorker(themes: CodeThemes | undefined, workerEntry?: URL): PoolWorker {
  // From the TypeScript sources (a checkout) the worker registers tsx first; the compiled package's JavaScript loads as it is.
  const compiled = import.meta.url.endsWith('.js');
  const entry = workerEntry ?? new URL(compiled ? './highlight-worker.js' : './highlight-worker.ts', import.meta.url);
  const workerData: HighlightWorkerData = { entry: entry.href, themes };
  // A highlighter's live memory is its grammars and one batch (tens of MB) whatever the site's size: a small old
  // generation makes its garbage collected early, where the default lets each thread's heap grow past 1 GB.
  const worker = new Worker(compiled ? entry : new URL('./register-tsx.mjs', import.meta.url), { workerData, resourceLimits: WORKER_LIMITS });
  worker.unref(); // a build that ends (or fails) never waits for a thread still loading
  const pooled: PoolWorker = { worker, idle: false, alive: true };
  worker.on('message', (reply: HighlightReply) => {
    if ('ready' in reply) pooled.idle = true;
    pooled.onMessage?.(reply);
  });
  const stop = () => {
    pooled.alive = false;
    pooled.onStop?.();
  };
  worker.on('error', stop);
  worker.on('exit', stop);
  return pooled;
}

// Every batch to whoever is free: idle workers at once, this thread (when it takes part) in between.
async function shareOut(blocks: HighlightRequest[], workers: PoolWorker[], localHighlighter: () => Promise<BlockHighlighter>, takesPart: boolean): Promise<string[]> {
  const results: string[] = new Array(blocks.length);
  const queue: HighlightBatch[] = [];
  for (let start = 0; start < blocks.length; start += BATCH) queue.push({ id: start, blocks: blocks.slice(start, start + BATCH) });
  const total = queue.length;
  queue.reverse(); // popped from the end: first batches first
  let done = 0;
  let failure: Error | undefined;
  // Resolved whenever a worker replies or stops, so this thread, out of batches, looks again.
  let wake = () => {};
  const held = new Map<PoolWorker, HighlightBatch>();
  const give = (pooled: PoolWorker) => {
    const batch = failure ? undefined : queue.pop();
    pooled.idle = batch === undefined;
    if (!batch) return void held.delete(pooled);
    held.set(pooled, batch);
    pooled.worker.postMessage(batch);
  };
  const record = (id: number, html: string[]) => {
    html.forEach((text, i) => (results[id + i] = text));
    done += 1;
  };
  for (const pooled of workers) {
    pooled.onMessage = (reply) => {
      if ('error' in reply) failure ??= new Error(`A highlighting thread failed: ${reply.error}`);
      else if ('html' in reply) record(reply.id, reply.html);
      give(pooled);
      wake();
    };
    // A thread that could not start or died: its batch goes back to the queue and the others carry on without it.
    pooled.onStop = () => {
      const batch = held.get(pooled);
      held.delete(pooled);
      if (batch) queue.push(batch);
      wake();
    };
    if (pooled.idle && pooled.alive) give(pooled);
  }
  try {
    let highlighter = takesPart ? await localHighlighter() : undefined;
    while (done < total && !failure) {
      // No worker could start (or every one died): this thread does the rest, as it would on one core.
      if (!highlighter && workers.every((pooled) => !pooled.alive)) highlighter = await localHighlighter();
      const batch = highlighter ? queue.pop() : undefined;
      if (!batch) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const html: string[] = [];
      for (const block of batch.blocks) html.push(await highlighter!.highlight(block));
      record(batch.id, html);
      // Let the workers' replies in, so they get their next batch while this thread works on its own.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    for (const pooled of workers) {
      pooled.onMessage = () => (pooled.idle = true); // between jobs (or a batch answered after a failure): free again
      pooled.onStop = undefined;
    }
  }
  if (failure) throw failure;
  return results;
}
