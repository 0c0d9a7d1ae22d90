// Stage 6a worker thread: one highlighter, which loads each grammar the first time a block needs it, highlighting the batches the pool sends.
import { parentPort, workerData } from 'node:worker_threads';
import { createBlockHighlighter } from '../highlight-fallback.ts';
import type { HighlightBatch, HighlightReply, HighlightWorkerData } from './highlight-pool.ts';

const port = parentPort!;
const { themes } = workerData as HighlightWorkerData;
const highlighter = await createBlockHighlighter([], themes);
port.on('message', (batch: HighlightBatch) => {
  void highlightBatch(batch).then((reply) => port.postMessage(reply));
});
port.postMessage({ ready: true } satisfies HighlightReply);

async function highlightBatch({ id, blocks }: HighlightBatch): Promise<HighlightReply> {
  try {
    const html: string[] = [];
    for (const block of blocks) html.push(await highlighter.highlight(block));
    return { id, html };
  } catch (error) {
    return { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
