// Highlighting on every core: worker threads and this one share the blocks, and the HTML is what one highlighter gives.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createCodeHighlighter, type HighlightRequest } from '../../../../src/render/highlight.ts';
import { highlightInThreads, startHighlightThreads } from '../../../../src/render/workers/highlight-pool.ts';

// Enough blocks for several batches, in three languages, some numbered, one language shiki does not know.
const BLOCKS: HighlightRequest[] = Array.from({ length: 90 }, (_, i) => [
  { code: `def f${i}(x):\n    return x * ${i}  # twice\n`, lang: 'python', options: { lineNumbers: true } },
  { code: `$ echo ${i}\n${i}\n`, lang: 'console' },
  { code: `const x${i}: number = ${i};\n`, lang: 'klingon', options: { highlightLines: [1] } },
][i % 3]!);

describe('render/workers/highlight-pool', () => {
  test('gives each block the HTML one highlighter gives, in order, from worker threads', async () => {
    const single = await createCodeHighlighter(['python', 'console']);
    try {
      const expected = BLOCKS.map((block) => single.highlight(block.code, block.lang, block.options));
      expect(await highlightInThreads(BLOCKS, { workers: 2, local: false })).toEqual(expected);
      expect(await highlightInThreads(BLOCKS, { workers: 1 })).toEqual(expected); // and with this thread
    } finally {
      single.dispose();
    }
  });

  test('threads started ahead take each job as it comes, loading grammars as blocks need them', async () => {
    const threads = startHighlightThreads({ workers: 1, local: false });
    try {
      const [first, second] = [BLOCKS.slice(0, 30), BLOCKS.slice(30)];
      const single = await createCodeHighlighter(['python', 'console']);
      expect(await threads.highlight(first)).toEqual(first.map((block) => single.highlight(block.code, block.lang, block.options)));
      expect(await threads.highlight(second)).toEqual(second.map((block) => single.highlight(block.code, block.lang, block.options)));
      single.dispose();
    } finally {
      threads.close();
    }
  });

  test('highlights on this thread when no worker can start (a worker module that throws)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'proofpress-pool-'));
    try {
      const broken = path.join(dir, 'broken-worker.mjs');
      await writeFile(broken, "throw new Error('this worker cannot start');\n");
      const expected = await highlightInThreads(BLOCKS.slice(0, 3), { workers: 0 });
      const threads = startHighlightThreads({ workers: 2, local: false, workerEntry: pathToFileURL(broken) });
      try {
        expect(await threads.highlight(BLOCKS.slice(0, 3))).toEqual(expected);
      } finally {
        threads.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('works on this thread alone when asked for no worker', async () => {
    const html = await highlightInThreads(BLOCKS.slice(0, 3), { workers: 0 });
    expect(html).toHaveLength(3);
    expect(html[0]).toContain('class="shiki');
  });
});
