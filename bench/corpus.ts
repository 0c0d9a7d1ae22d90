// Write the benchmark corpus into a folder: content/*.md shared by all three engines, proofpress's config and a Hugo site.
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { corpusPost } from './corpus-post.ts';
import { HUGO_CONFIG, HUGO_SINGLE } from './hugo-site.ts';

/** Where the corpus lives and what it holds. */
export interface Corpus {
  root: string;
  contentDir: string;
  /** Hugo's site folder (its config and layouts); it reads ../content. */
  hugoDir: string;
  posts: number;
  /** Files of content/, in order: the edit-one scenario changes one of them. */
  files: string[];
  bytes: number;
  codeBlocks: number;
}

/** Write `posts` generated posts under `root` (replacing any earlier content/). */
export async function writeCorpus(root: string, posts: number): Promise<Corpus> {
  const contentDir = path.join(root, 'content');
  const hugoDir = path.join(root, 'hugo');
  await rm(contentDir, { recursive: true, force: true });
  await mkdir(contentDir, { recursive: true });
  await mkdir(path.join(hugoDir, 'layouts', '_default'), { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  let codeBlocks = 0;
  for (let index = 0; index < posts; index++) {
    const post = corpusPost(index);
    await writeFile(path.join(contentDir, post.file), post.text);
    files.push(post.file);
    bytes += Buffer.byteLength(post.text);
    codeBlocks += (post.text.match(/^```\w/gm) ?? []).length;
  }
  const site = { title: 'proofpress bench', baseUrl: 'https://bench.example.org/', author: 'bench', language: 'en' };
  await writeFile(path.join(root, 'proofpress.config.json'), `${JSON.stringify({ site }, null, 2)}\n`);
  await writeFile(path.join(hugoDir, 'hugo.toml'), HUGO_CONFIG);
  await writeFile(path.join(hugoDir, 'layouts', '_default', 'single.html'), HUGO_SINGLE);
  return { root, contentDir, hugoDir, posts, files, bytes, codeBlocks };
}

/** The edit-one scenario: append a sentence to the middle post (its text changes, so its page must be rebuilt). */
/**
 * Append a comment to proofpress.config.json (JSON with comments): the build's inputs change, its output does not,
 * so proofpress reads everything again instead of stopping early. Hugo and Eleventy do not read the file.
 */
export async function touchConfig(corpus: Corpus, note: string): Promise<void> {
  await appendFile(path.join(corpus.root, 'proofpress.config.json'), `// touched for the benchmark: ${note}\n`);
}

export async function editOnePost(corpus: Corpus, note: string): Promise<void> {
  const file = path.join(corpus.contentDir, corpus.files[Math.floor(corpus.files.length / 2)]!);
  await appendFile(file, `\nEdited for the benchmark: ${note}.\n`);
}
