// Issue 11, names and URLs: slugs from file names in any script (never empty), one URL per post, no control
// characters in front matter, and tag pages that grow linearly with a post's tags. Real builds of fixture sites.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import { toPost } from '../src/content/post.ts';
import { slugFromFileName } from '../src/content/slug.ts';
import { resolveConfig } from '../src/config/resolve.ts';
import { formatErrors } from '../src/report/format-error.ts';
import { fixturePath } from './helpers/project.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** `test/fixtures/sites/names/<name>` copied to a temp project; `run` builds it (writing, unless `write: false`). */
async function buildNames(name: string, options: { write?: boolean } = {}) {
  const root = await mkdtemp(path.join(tmpdir(), `proofpress-names-${name}-`));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  await cp(fixturePath('sites', 'names', name), root, { recursive: true });
  const config = resolveConfig(root, { useCache: false });
  const run = () => build(config, { write: options.write ?? true });
  return { root, config, run };
}

/** The error a build of `name` fails with, printed as the CLI prints it (no colour, no stack). */
async function buildError(name: string): Promise<string> {
  const { run } = await buildNames(name);
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, `${name} should not build`).toBeDefined();
  return formatErrors(error, { debug: false, colour: false });
}

describe('names-urls: a file name in any script gets a URL', () => {
  test('publishes `привет.md` at /2025/01/01/privet/ with its snippet in snippets/privet/, beside snippets/package.json', async () => {
    const { root, run } = await buildNames('transliterated');
    const result = await run();
    const paths = result.files.map((file) => file.path);
    expect(paths).toContain('2025/01/01/privet/index.html');
    expect(paths).toContain('2025/01/02/hello-again/index.html');
    expect(paths.filter((file) => file.startsWith('2025/01/01/'))).toEqual(['2025/01/01/privet/index.html']);
    expect((await readdir(path.join(root, 'snippets'))).sort()).toEqual(['package.json', 'privet']);
    expect(await readdir(path.join(root, 'snippets', 'privet'))).toEqual(['01-hi-js.ts']);
    expect(JSON.parse(await readFile(path.join(root, 'snippets', 'package.json'), 'utf8'))).toEqual({ private: true, type: 'module' });
  });

  test.each([
    // transliterated as `proofpress new "Title"` does
    ['привет.md', 'privet'],
    ['Über.md', 'ueber'],
    ['Café.md', 'cafe'],
    // ASCII names keep the slugs they had before
    ['MyPost.md', 'mypost'],
    ['hello_world.md', 'hello-world'],
    ['hello-world-with-wsgi-python-3.md', 'hello-world-with-wsgi-python-3'],
    // nothing left to make a URL of
    ['___.md', ''],
    ['😀.md', ''],
  ])('slugs the file name %s as %j', (file, slug) => {
    expect(slugFromFileName(`content/${file}`)).toBe(slug);
  });

  test('refuses `___.md`, naming the file and asking for `slug:`, before any example runs or anything is written', async () => {
    const { root, run } = await buildNames('empty-slug');
    const error = await run().then(
      () => undefined,
      (caught: unknown) => formatErrors(caught, { debug: false, colour: false }),
    );
    expect(error).toBe(`✗ Cannot make a URL slug from the file name of content/___.md
  File: content/___.md:1
  Hint: Add \`slug: my-post\` (lower-case letters, digits and dashes) to its front matter, or rename the file.`);
    expect(await readdir(root)).not.toContain('snippets');
    expect(await readdir(root)).not.toContain('site');
  });

  test('builds `___.md` once it has a `slug:`', async () => {
    const { root, run } = await buildNames('empty-slug');
    const file = path.join(root, 'content', '___.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('date: 2025-01-01', 'date: 2025-01-01\nslug: underscores'));
    const result = await run();
    expect(result.files.map((page) => page.path)).toContain('2025/01/01/underscores/index.html');
    expect((await readdir(path.join(root, 'snippets'))).sort()).toEqual(['package.json', 'underscores']);
  });
});

describe('names-urls: two posts with one URL are an error naming both files', () => {
  test('two files named hello.md in different folders (and years) share the slug `hello`', async () => {
    expect(await buildError('duplicate-slug')).toBe(`✗ Two posts have the URL slug \`hello\`: content/2023/hello.md and content/hello.md
  File: content/hello.md:1
  Hint: Give one of them another \`slug:\` in its front matter (the slug comes from the file name unless \`slug:\` is set).`);
  });

  test('an alias that is another post\'s URL names the post that declares it and the post it would replace', async () => {
    expect(await buildError('alias-collision')).toBe(`✗ Old URL \`/2024/01/01/old-home/\` is the URL of the post content/old-home.md
  File: content/new-home.md
  Hint: Write each alias as a root-relative path (\`/2006/08/31/old-name.html\`), optionally with one \`?name=value\`; remove duplicates.`);
  });
});

describe('names-urls: control characters in front matter', () => {
  test('refuses a NUL written as a YAML escape in the title, at its line', () => {
    const text = '---\ntitle: "Hello\\0World"\ndate: 2025-01-01\n---\n\nBody.\n';
    const error = (() => {
      try {
        toPost({ path: 'content/nul.md', text });
      } catch (caught) {
        return caught;
      }
      throw new Error('accepted');
    })();
    expect(formatErrors(error, { debug: false, colour: false })).toBe(`✗ Front matter field \`title\` holds a control character (U+0000)
  File: content/nul.md:2
  Hint: Remove it: pages and feeds cannot show it (a \`\\0\`, \`\\x..\` or \`\\u00..\` escape in a double-quoted YAML string writes one).`);
  });

  test.each([
    ['an escape in a tag', 'tags: [ok, "bell\\a"]', 'tags', 'U+0007'],
    ['an escape in a nested field', 'wordpress: { note: "esc\\e[31m" }', 'wordpress', 'U+001B'],
    ['a C1 control', 'summary: "next\\x85line"', 'summary', 'U+0085'],
  ])('refuses %s', (_what, line, field, code) => {
    expect(() => toPost({ path: 'content/c.md', text: `---\ntitle: T\ndate: 2025-01-01\n${line}\n---\n\nBody.\n` })).toThrow(`Front matter field \`${field}\` holds a control character (${code})`);
  });

  test('keeps newlines and tabs (a literal block)', () => {
    expect(toPost({ path: 'content/t.md', text: '---\ntitle: T\ndate: 2025-01-01\neditor_note: |\n  one\n  \ttwo\n---\n\nBody.\n' }).editorNote).toBe('one\n\ttwo\n');
  });
});

describe('names-urls: feeds stay XML', () => {
  test('replaces control characters of a post body (front matter refuses them) in atom.xml and rss.xml', async () => {
    const { root, config } = await buildNames('transliterated');
    await writeFile(path.join(root, 'content', 'bell.md'), '---\ntitle: Bell\ndate: 2025-01-03\n---\n\nA bell \u0007 and a vertical tab \u000B.\n');
    const result = await build(config, { write: false });
    for (const feed of ['atom.xml', 'rss.xml']) {
      const xml = String(result.files.find((file) => file.path === feed)?.content);
      expect(xml, feed).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
      expect(xml, feed).toContain('A bell \uFFFD and');
    }
  });
});

describe('names-urls: 4,000 tags on one post', () => {
  test('render in linear output: each tag page lists the post with 10 tags and a link to the rest, and atom.xml parses', { timeout: 60_000 }, async () => {
    const { root, config } = await buildNames('transliterated');
    const tags = Array.from({ length: 4000 }, (_, i) => `tag${i}`);
    await writeFile(path.join(root, 'content', 'many-tags.md'), `---\ntitle: Many tags\ndate: 2025-01-03\ntags: [${tags.join(', ')}]\n---\n\nBody.\n`);
    const started = Date.now();
    const result = await build(config, { write: false });
    const elapsed = Date.now() - started;
    const file = (name: string) => String(result.files.find((candidate) => candidate.path === name)?.content);
    expect(result.files.filter((candidate) => candidate.path.startsWith('tags/'))).toHaveLength(4001);
    const tagPage = file('tags/tag1234/index.html');
    expect(tagPage.match(/rel="tag"/g)).toHaveLength(10);
    expect(tagPage).toContain('<a href="/2025/01/03/many-tags/">and 3,990 more</a>');
    // The post's own page still lists every tag.
    expect(file('2025/01/03/many-tags/index.html')).toContain('href="/tags/tag3999/"');
    // Quadratic output was 4,000 × 4,000 links: about 700 MB, written in over a minute.
    const bytes = result.files.reduce((sum, candidate) => sum + String(candidate.content).length, 0);
    expect(bytes).toBeLessThan(40_000_000);
    expect(elapsed).toBeLessThan(30_000);
    expect(() => new XMLParser().parse(file('atom.xml'))).not.toThrow();
  });
});
