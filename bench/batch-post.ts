// A generated post holding N copies of one example (each its own block, so its own sandbox), read through the build's own stages.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveConfig } from '../src/config/resolve.ts';
import { loadPosts } from '../src/content/load-posts.ts';
import { type Example, extractExamples } from '../src/examples/extract.ts';
import { createMarkdown } from '../src/markdown/create.ts';
import { parsePost } from '../src/markdown/parse.ts';

/** `copies` examples made from `example`'s code and spec (file, run, expect), each marked `# copy K of N`. */
export async function batchExamples(example: Example, copies: number): Promise<Example[]> {
  const { file, run, expect } = example.spec;
  const info = [example.spec.lang || 'python', file && `file=${file}`, `run=${run}`, expect !== undefined && `expect=${JSON.stringify(expect)}`].filter(Boolean).join(' ');
  const blocks = Array.from({ length: copies }, (_, index) => ['```' + info, `# copy ${index + 1} of ${copies}`, example.code.trimEnd(), '```'].join('\n'));
  const root = await mkdtemp(path.join(tmpdir(), 'bench-batch-'));
  try {
    await mkdir(path.join(root, 'content'));
    await writeFile(path.join(root, 'content', 'batch.md'), `---\ntitle: ${copies} copies\ndate: 2026-01-01\n---\n\n${blocks.join('\n\n')}\n`);
    const [post] = await loadPosts(resolveConfig(root, { useCache: false }));
    return extractExamples(parsePost(createMarkdown(), post!)).examples;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
