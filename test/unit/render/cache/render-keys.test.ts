// The keys of rendered pages: whatever a page shows is part of its key, and nothing that cannot change it.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { resolveConfig } from '../../../../src/config/resolve.ts';
import { toPost } from '../../../../src/content/post.ts';
import { extractExamples } from '../../../../src/examples/extract.ts';
import { createMarkdown } from '../../../../src/markdown/create.ts';
import { parsePost } from '../../../../src/markdown/parse.ts';
import type { VerifiedPost } from '../../../../src/render/article.ts';
import { postDigest, siteKey, themeDigest } from '../../../../src/render/cache/render-keys.ts';
import type { Verification } from '../../../../src/verify/types.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const POST = '---\ntitle: Counting\ndate: 2024-01-10\n---\n\nText with ![a chart](chart.png).\n\n```python file=count.py run=script\nprint(1)\n```\n\n```output\n1\n```\n';

/** The post as rendering receives it, with its one example `status`. */
function verifiedPost(text = POST, status: Verification['status'] = 'passed'): VerifiedPost {
  const parsed = parsePost(createMarkdown(), toPost({ path: 'content/counting.md', text }));
  const { examples, tokens } = extractExamples(parsed);
  const verifications = examples.map((example): Verification => ({ exampleId: example.id, source: example.source, line: example.line, label: example.label, status, failures: [], cached: false }));
  return { parsed, examples, exampleTokens: tokens, verifications };
}

describe('render/cache/render-keys', () => {
  test('a post has the same digest when nothing it shows changed', () => {
    expect(postDigest(verifiedPost())).toBe(postDigest(verifiedPost()));
  });

  test.each([
    ['its text', () => verifiedPost(POST.replace('Text with', 'Words with'))],
    ['an example outcome (the badge)', () => verifiedPost(POST, 'failed')],
    ['its front matter', () => verifiedPost(POST.replace('Counting', 'Counting again'))],
    [
      'the size of an image bound from its file',
      () => {
        const post = verifiedPost();
        const image = post.parsed.tokens.flatMap((token) => token.children ?? []).find((token) => token.type === 'image')!;
        image.attrSet('width', '640');
        return post;
      },
    ],
  ])('a post has another digest when %s changed', (_change, changed) => {
    expect(postDigest(changed())).not.toBe(postDigest(verifiedPost()));
  });

  // Issue 12: dev hands an unchanged post's ParsedPost and examples to every rebuild, and its digest is kept for them.
  test('a digest kept for the same parse follows its attributes (an image bound again) and its verdicts', () => {
    const post = verifiedPost();
    const before = postDigest(post);
    expect(postDigest({ ...post })).toBe(before);
    expect(postDigest({ ...post, verifications: verifiedPost(POST, 'failed').verifications })).not.toBe(before);
    const image = post.parsed.tokens.flatMap((token) => token.children ?? []).find((token) => token.type === 'image')!;
    image.attrSet('width', '640');
    const resized = postDigest({ ...post });
    expect(resized).not.toBe(before);
    image.attrSet('width', '320');
    expect(postDigest({ ...post })).not.toBe(resized);
  });

  test('the site key follows what pages show, not where files are or how examples run', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'proofpress-keys-'));
    dirs.push(root);
    const key = (overrides: Parameters<typeof resolveConfig>[1], title = 'A blog') => {
      const config = resolveConfig(root, overrides);
      return siteKey({ fingerprint: 'engine', config, ctx: { site: { ...config.site, title }, scripts: [], stylesheets: [] }, theme: 'theme' });
    };
    expect(key({ outDir: 'public', concurrency: 7, useCache: false })).toBe(key({}));
    expect(key({}, 'Another title')).not.toBe(key({}));
  });

  test("the theme's code is part of the key, its stylesheets are not (pages only link them)", async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'proofpress-keys-'));
    dirs.push(root);
    await mkdir(path.join(root, 'theme', 'parts'), { recursive: true });
    await writeFile(path.join(root, 'theme', 'footer.ts'), 'export default () => "a";\n');
    const before = await themeDigest({ root });
    await writeFile(path.join(root, 'theme', 'extra.css'), 'body { color: red; }\n');
    expect(await themeDigest({ root })).toBe(before);
    await writeFile(path.join(root, 'theme', 'parts', 'helper.ts'), 'export const x = 1;\n');
    expect(await themeDigest({ root })).not.toBe(before);
  });
});
