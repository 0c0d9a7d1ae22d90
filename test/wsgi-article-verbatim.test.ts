// The WSGI article is republished as written in 2006: content/hello-world-with-wsgi.md is the seed byte for byte once
// its `<!-- example … -->` annotations are taken out, and the code its examples run is the seed's code as written.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { toPost } from '../src/content/post.ts';
import { extractExamples } from '../src/examples/extract.ts';
import { createMarkdown } from '../src/markdown/create.ts';
import { parsePost } from '../src/markdown/parse.ts';
import { ANNOTATION_TOKEN } from '../src/markdown/plugins/example-annotations.ts';
import { fixturePath, REPO_ROOT } from './helpers/project.ts';

const SOURCE = 'content/hello-world-with-wsgi.md';
const published = readFileSync(path.join(REPO_ROOT, SOURCE), 'utf8');
// The seed as migrated in 2017 (test/unit/content/seed-verbatim.test.ts pins its hash).
const seed = readFileSync(fixturePath('seed-verbatim', 'hello-world-with-wsgi.md'), 'utf8');
const ANNOTATION_LINE = /^<!-- example .*-->$/;

function parsed() {
  return parsePost(createMarkdown(), toPost({ path: SOURCE, text: published }));
}

/**
 * The seed's indented code blocks as written in 2006, read from its text without proofpress: each run of lines
 * indented four columns or more after a blank line, without the indentation its lines share (six columns).
 */
function seedBlocks(): string[] {
  const lines = seed.split('\n');
  const blocks: string[][] = [];
  let current: string[] | undefined;
  lines.forEach((line, i) => {
    const indented = line.startsWith('    ') && line.trim() !== '';
    if (indented && !current && lines[i - 1]!.trim() === '') blocks.push((current = []));
    if (current && (indented || line.trim() === '')) current.push(line);
    else current = undefined;
  });
  return blocks.map((block) => {
    while (block.at(-1)!.trim() === '') block.pop();
    const indent = Math.min(...block.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length));
    return block.map((line) => (line.trim() === '' ? '' : line.slice(indent))).join('\n') + '\n';
  });
}

describe('the WSGI article, as written in 2006', () => {
  test('is the seed byte for byte once its annotation lines are taken out', () => {
    const kept = published.split('\n').filter((line) => !ANNOTATION_LINE.test(line));
    expect(kept.join('\n')).toBe(seed);
  });

  test('has only one-line annotations, each one a token the build reads (so the test above misses none)', () => {
    const annotations = parsed().tokens.filter((token) => token.type === ANNOTATION_TOKEN);
    const lines = published.split('\n').filter((line) => ANNOTATION_LINE.test(line));
    expect(annotations).toHaveLength(lines.length);
    expect(annotations.every((token) => token.map![1] - token.map![0] === 1)).toBe(true);
  });

  test('runs the seed\'s code as written: every example is one of its indented blocks, byte for byte', () => {
    const blocks = seedBlocks();
    expect(blocks).toHaveLength(7);
    expect(blocks[1]).toContain('print "Serving HTTP on port 8000..."\n');
    const { examples } = extractExamples(parsed());
    expect(examples.map((example) => example.code)).toEqual(blocks);
  });

  test('runs demo_app, simple_app and SimpleApp on Python 2.7, checking what the prose says they show', () => {
    const { examples } = extractExamples(parsed());
    expect(examples.map((example) => [example.spec.file ?? example.spec.lang, example.spec.run, example.spec.python, example.spec.expect])).toEqual([
      ['console', 'none', undefined, undefined],
      ['simpletest.py', 'http', '2.7', 'Hello world!'],
      ['console', 'console', '2.7', 'Hello world!'],
      ['simpletest.py', 'http', '2.7', 'My Own Hello World!'],
      ['simpletest.py', 'http', '2.7', 'My Own Hello world!'],
      ['console', 'none', undefined, undefined],
      ['server.fcgi', 'none', undefined, undefined],
    ]);
  });
});
