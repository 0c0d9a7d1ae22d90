// `proofpress dev`'s rebuilds with its post memo (issue 12): only the posts whose file changed are parsed again, and
// every rebuild makes, byte for byte, the files a build from nothing makes (or fails with the same errors).
import { randomBytes } from 'node:crypto';
import { appendFile, copyFile, cp, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../src/build.ts';
import { resolveConfig } from '../src/config/resolve.ts';
import { innerErrors, ProofpressError } from '../src/errors.ts';
import { createPostMemo } from '../src/examples/post-memo.ts';
import { createRenderStore, openRenderStore, type RenderStore } from '../src/render/cache/render-store.ts';
import { stringifySafeJson } from '../src/render/json.ts';
import { createPageMemo } from '../src/render/page-facts.ts';
import type { Reporter } from '../src/report/progress.ts';
import { fixturePath, REPO_ROOT } from './helpers/project.ts';

// Posts beside pages-static's diagram post (an image beside it, a static image, links to a static file and a page):
// shared tags, a footnote, a link to a file beside the post, a post-wide `python:`, and code that is shown, not run.
const POSTS: Record<string, string> = {
  'first.md': '---\ntitle: First\ndate: 2024-01-01\ntags: [notes]\n---\n\nThe first post, with a footnote[^1] and the [diagram](diagram.png).\n\n```python\nprint("one")\n```\n\n[^1]: The note.\n',
  'second.md': '---\ntitle: Second\ndate: 2024-02-01\ntags: [notes, shell]\npython: "3"\n---\n\nThe second post.\n\n```bash\necho two\n```\n\n```python run=none\nx = 2\n```\n',
  'third.md': '---\ntitle: Third\ndate: 2024-03-01\ntags: [shell]\n---\n\nThe third post links [the diagram post](/2024/05/01/diagram-post/).\n\n    indented = "code"\n',
};

let root: string;
let dev: DevSession;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'proofpress-dev-rebuilds-'));
  await cp(fixturePath('sites', 'pages-static'), root, { recursive: true });
  for (const [name, text] of Object.entries(POSTS)) await writeFile(path.join(root, 'content', name), text);
  dev = devSession(root);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Builds of one project as `proofpress dev` makes them, and a build from nothing to compare each with. */
interface DevSession {
  /** A build with the server's one render cache, post memo and page memo (as start-dev.ts makes it), and its step names. */
  devBuild(): Promise<BuildResult & { steps: string }>;
  /** A build as a new process makes it: no memo and an empty render cache (examples' verdicts come from the same cache). */
  freshBuild(): Promise<BuildResult>;
}

function devSession(project: string): DevSession {
  const config = () =>
    resolveConfig(project, { onExampleFailure: 'warn', useCache: true, cacheKeyFile: path.join(project, 'test-cache.key'), pythonOverride: path.join(REPO_ROOT, '.venv', 'bin', 'python') });
  let renderStore: RenderStore | undefined;
  const postMemo = createPostMemo();
  const pageMemo = createPageMemo();
  return {
    async devBuild() {
      const steps: string[] = [];
      const reporter: Reporter = { step: (name) => steps.push(name), example: () => {}, info: () => {}, warning: () => {} };
      renderStore ??= await openRenderStore(config());
      const result = await build(config(), { write: false, reporter, renderStore, postMemo, pageMemo });
      return { ...result, steps: steps.join('\n') };
    },
    freshBuild: () => build(config(), { write: false, renderStore: createRenderStore({ secret: randomBytes(32) }) }),
  };
}

function filesOf(result: BuildResult): Map<string, string> {
  return new Map(result.files.map((file) => [file.path, typeof file.content === 'string' ? file.content : Buffer.from(file.content).toString('base64')]));
}

/** Each error a failed build reports, as the terminal shows it: message, file and line. */
async function errorsOf(building: Promise<unknown>): Promise<string[]> {
  const error = await building.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(ProofpressError);
  return [error as ProofpressError, ...innerErrors(error)].map((each) => `${each.message} @ ${each.file}:${each.line}`);
}

// verification.json is put together from each post's items (render/verification-report.ts): it must be the very text
// stringifySafeJson makes of the whole array.
function expectWholeJson(result: BuildResult): void {
  const json = filesOf(result).get('verification.json')!;
  expect(JSON.parse(json)).not.toHaveLength(0);
  expect(json).toBe(stringifySafeJson(JSON.parse(json)));
}

const counts = (made: number, reused: number) => `(${made} anew, ${reused} reused)`;

describe('dev rebuilds (issue 12)', () => {
  test('the first build makes every post, and its files are a fresh build\'s', async () => {
    const first = await dev.devBuild();
    expect(first.steps).toContain(`Loaded posts ${counts(4, 0)}`);
    expect(first.steps).toContain(`Parsed Markdown ${counts(4, 0)}`);
    expect(filesOf(first)).toEqual(filesOf(await dev.freshBuild()));
    expectWholeJson(first);
  });

  test('after one post is edited, only that post is read into a Post, parsed and extracted again', async () => {
    await appendFile(path.join(root, 'content', 'second.md'), '\nA sentence added while the dev server runs.\n');
    const rebuilt = await dev.devBuild();
    expect(rebuilt.steps).toContain(`Loaded posts ${counts(1, 3)}`);
    expect(rebuilt.steps).toContain(`Parsed Markdown ${counts(1, 3)}`);
    expect(rebuilt.steps).toContain(`Extracted examples ${counts(1, 3)}`);
    const page = filesOf(rebuilt).get('2024/02/01/second/index.html');
    expect(page).toContain('A sentence added while the dev server runs.');
    // The unchanged posts' images and files beside them are still bound and published (their links were bound in place).
    expect(filesOf(rebuilt).has('2024/05/01/diagram-post/diagram.png')).toBe(true);
    expect(filesOf(rebuilt).has('2024/01/01/first/diagram.png')).toBe(true);
    expect(filesOf(rebuilt)).toEqual(filesOf(await dev.freshBuild()));
  });

  test('a rebuild with nothing changed parses nothing', async () => {
    const rebuilt = await dev.devBuild();
    expect(rebuilt.steps).toContain(`Parsed Markdown ${counts(0, 4)}`);
    expect(rebuilt.steps).toMatch(/ 0 rendered, \d+ from the render cache/);
  });

  test('an image beside a post that changes is sized again on its unchanged post\'s page', async () => {
    const before = filesOf(await dev.devBuild()).get('2024/05/01/diagram-post/index.html')!;
    expect(before).toMatch(/src="\/2024\/05\/01\/diagram-post\/diagram\.png"[^>]*width="40" height="30"/);
    await copyFile(path.join(root, 'static', 'images', 'logo.png'), path.join(root, 'content', 'diagram.png'));
    const rebuilt = await dev.devBuild();
    expect(rebuilt.steps).toContain(`Parsed Markdown ${counts(0, 4)}`);
    expect(filesOf(rebuilt).get('2024/05/01/diagram-post/index.html')).toMatch(/src="\/2024\/05\/01\/diagram-post\/diagram\.png"[^>]*width="16" height="16"/);
    expect(filesOf(rebuilt)).toEqual(filesOf(await dev.freshBuild()));
  });

  test('a post added and a post deleted are published and gone, as in a fresh build', async () => {
    await writeFile(path.join(root, 'content', 'fourth.md'), POSTS['third.md']!.replace('Third', 'Fourth').replace('2024-03-01', '2024-04-01'));
    await unlink(path.join(root, 'content', 'first.md'));
    const rebuilt = await dev.devBuild();
    expect(rebuilt.steps).toContain(`Parsed Markdown ${counts(1, 3)}`);
    expect(filesOf(rebuilt).has('2024/04/01/fourth/index.html')).toBe(true);
    expect(filesOf(rebuilt).has('2024/01/01/first/index.html')).toBe(false);
    expect(filesOf(rebuilt)).toEqual(filesOf(await dev.freshBuild()));
  });

  test('a broken post fails with the errors (file and line) of a fresh build, every time, until it is fixed', async () => {
    const file = path.join(root, 'content', 'third.md');
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace('title: Third', 'title: [Third').replace('    indented', '```python run=bogus\nx\n```\n\n    indented'));
    const expected = await errorsOf(dev.freshBuild());
    expect(expected.some((error) => error.includes('@ content/third.md:2'))).toBe(true);
    expect(await errorsOf(dev.devBuild())).toEqual(expected);
    expect(await errorsOf(dev.devBuild())).toEqual(expected); // not kept as a result
    await writeFile(file, good.replace('    indented', '```python run=bogus\nx\n```\n\n    indented'));
    const blockError = await errorsOf(dev.freshBuild());
    expect(blockError.some((error) => /@ content\/third\.md:\d+$/.test(error))).toBe(true);
    expect(await errorsOf(dev.devBuild())).toEqual(blockError);
    await writeFile(file, good);
    const fixed = await dev.devBuild();
    expect(fixed.steps).toContain(`Parsed Markdown ${counts(1, 3)}`);
    expect(filesOf(fixed)).toEqual(filesOf(await dev.freshBuild()));
  });

  test('an image deleted from beside an unchanged post fails the build at its line, as a fresh build does, until it is back', async () => {
    const image = path.join(root, 'content', 'diagram.png');
    const bytes = await readFile(image);
    await unlink(image);
    const expected = await errorsOf(dev.freshBuild());
    expect(expected.some((error) => error.includes('not found') && error.includes('@ content/diagram-post.md:'))).toBe(true);
    expect(await errorsOf(dev.devBuild())).toEqual(expected);
    await writeFile(image, bytes);
    const fixed = await dev.devBuild();
    expect(fixed.steps).toContain(`Parsed Markdown ${counts(0, 4)}`);
    expect(filesOf(fixed)).toEqual(filesOf(await dev.freshBuild()));
  });

  test('a change of the markdown options parses every post again', async () => {
    const file = path.join(root, 'proofpress.config.json');
    const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...json, markdown: { html: true } }));
    const rebuilt = await dev.devBuild();
    expect(rebuilt.steps).toContain(`Loaded posts ${counts(0, 4)}`);
    expect(rebuilt.steps).toContain(`Parsed Markdown ${counts(4, 0)}`);
    expect(filesOf(rebuilt)).toEqual(filesOf(await dev.freshBuild()));
  });
});

describe('dev rebuilds of a post with a variant and examples that run (issue 12)', () => {
  let project: string;
  let session: DevSession;
  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'proofpress-dev-rebuilds-variants-'));
    await cp(fixturePath('sites', 'variants'), project, { recursive: true });
    session = devSession(project);
  });
  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  test('editing the post keeps its variant\'s parse, and the page is a fresh build\'s', async () => {
    const first = await session.devBuild();
    expect(first.verifications.filter((verification) => verification.status === 'passed').length).toBeGreaterThan(0);
    await appendFile(path.join(project, 'content', 'greeting.md'), '\nA closing sentence added in dev.\n');
    const rebuilt = await session.devBuild();
    expect(rebuilt.steps).toContain(`Parsed Markdown ${counts(1, 1)}`);
    expect(rebuilt.verifications.every((verification) => verification.status !== 'passed' || verification.cached)).toBe(true);
    expect(filesOf(rebuilt).get('2015/03/01/greeting/index.html')).toContain('A closing sentence added in dev.');
    expect(filesOf(rebuilt)).toEqual(filesOf(await session.freshBuild()));
    expectWholeJson(rebuilt);
  });
});

describe('dev rebuilds keep checking the links of unchanged pages (issue 12)', () => {
  // A links to C and to a heading of D. B lies between A and C, so deleting C or renaming D's heading leaves A's page
  // as it was (dev does not scan its links again), yet its links must be judged against the site as it is now.
  const LINKING: Record<string, string> = {
    'a.md': '---\ntitle: A\ndate: 2024-01-01\n---\n\nSee [C](/2024/03/01/c/) and [the setup of D](/2024/04/01/d/#setup).\n',
    'b.md': '---\ntitle: B\ndate: 2024-02-01\n---\n\nThe second post.\n',
    'c.md': '---\ntitle: C\ndate: 2024-03-01\n---\n\nThe third post.\n',
    'd.md': '---\ntitle: D\ndate: 2024-04-01\n---\n\nThe fourth post.\n\n## Setup\n\nSteps.\n',
  };
  let project: string;
  let session: DevSession;
  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'proofpress-dev-rebuilds-links-'));
    await cp(fixturePath('sites', 'pages-static', 'proofpress.config.json'), path.join(project, 'proofpress.config.json'));
    await mkdir(path.join(project, 'content'));
    for (const [name, text] of Object.entries(LINKING)) await writeFile(path.join(project, 'content', name), text);
    session = devSession(project);
  });
  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  test('a link of an unchanged page to a post deleted since is reported, as a fresh build reports it', async () => {
    expect(filesOf(await session.devBuild())).toEqual(filesOf(await session.freshBuild()));
    const page = filesOf(await session.devBuild()).get('2024/01/01/a/index.html');
    await unlink(path.join(project, 'content', 'c.md'));
    const expected = await errorsOf(session.freshBuild());
    expect(expected).toEqual(['Broken internal link /2024/03/01/c/: no page at 2024/03/01/c/index.html @ content/a.md:6']);
    expect(await errorsOf(session.devBuild())).toEqual(expected);
    await writeFile(path.join(project, 'content', 'c.md'), LINKING['c.md']!);
    const fixed = await session.devBuild();
    expect(filesOf(fixed).get('2024/01/01/a/index.html')).toBe(page); // the page whose links were kept
    expect(filesOf(fixed)).toEqual(filesOf(await session.freshBuild()));
  });

  test('a link of an unchanged page to a heading renamed since is reported, as a fresh build reports it', async () => {
    const file = path.join(project, 'content', 'd.md');
    await writeFile(file, LINKING['d.md']!.replace('## Setup', '## Installation'));
    const expected = await errorsOf(session.freshBuild());
    expect(expected).toEqual(['Broken internal link /2024/04/01/d/#setup: no id="setup" on 2024/04/01/d/index.html @ content/a.md:6']);
    expect(await errorsOf(session.devBuild())).toEqual(expected);
    await writeFile(file, LINKING['d.md']!);
    expect(filesOf(await session.devBuild())).toEqual(filesOf(await session.freshBuild()));
  });
});
