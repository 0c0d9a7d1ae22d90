// A post shown in two versions: a fixture post written the old way (indented, annotated blocks) and its variant file
// (f-strings), built for real: one page, each block with its variant's figure and diff, and a note generated from the diffs.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BuiltSite, buildSite } from './helpers/built-site.ts';

const PAGE = '2015/03/01/greeting/index.html';
let site: BuiltSite;
const file = (path: string) => String(site.result.files.find((candidate) => candidate.path === path)?.content);

beforeAll(async () => {
  site = await buildSite('variants');
});
afterAll(() => site?.cleanup());

describe('variants: a post and its f-string version', () => {
  test('publishes one page: the variant file has none, and is in no list or feed', () => {
    const paths = site.result.files.map((candidate) => candidate.path);
    expect(paths.filter((path) => /^\d{4}\//.test(path))).toEqual([PAGE]);
    expect(site.result.posts.map((post) => post.parsed.post.slug)).toEqual(['greeting']);
    expect(JSON.parse(file('feed.json')).items).toHaveLength(1);
    expect(file('index.html')).not.toContain('f-string version');
  });

  test('runs both versions of every block, each on its own', () => {
    expect(site.result.verifications.map((verification) => [verification.exampleId, verification.status])).toEqual(
      expect.arrayContaining([
        ['greeting/01-greet-py', 'passed'],
        ['greeting/02-block-console', 'passed'],
        ['greeting/03-guests-py', 'passed'],
        ['greeting-f-strings/01-greet-py', 'passed'],
        ['greeting-f-strings/02-block-console', 'passed'],
        ['greeting-f-strings/03-names-py', 'skipped'],
        ['greeting-f-strings/04-guests-py', 'passed'],
      ]),
    );
  });

  test('shows each block as written, then its variant in a disclosure with the diff and its own verified figure', () => {
    const page = file(PAGE);
    const groups = page.split('<div class="variants">').slice(1);
    expect(groups).toHaveLength(3);
    const [greet, console, guests] = groups as [string, string, string];
    expect(greet).toMatch(/^\n<figure class="example" id="example-1" data-example-status="passed"[^>]* data-variant="as written in 2015">/);
    expect(greet).toContain('<details class="variant">\n<summary><span class="variant-name">f-string version</span> <span class="badge badge-passed">verified</span> <span class="variant-summary">1 line changed · ran with Python 3.');
    expect(greet).toContain('<del>-print(&quot;Hello, %s!&quot; % name)</del>\n<ins>+print(f&quot;Hello, {name}!&quot;)</ins>');
    expect(greet).toMatch(/<figure class="example" id="greeting-f-strings-example-1" data-example-status="passed"[^>]* data-variant="f-string version">/);
    expect(console).toContain('<span class="variant-summary">unchanged · ran with');
    expect(console).toContain('<p class="variant-unchanged">Unchanged from the code as written in 2015.</p>');
    // The variant's support block sits in its user's panel, linked and "verified with" it.
    expect(guests).toContain('<p class="companions">Ran with <a href="#greeting-f-strings-example-3"><code>names.py</code></a> beside it.</p>');
    expect(guests).toMatch(/<details class="support-file"><summary><strong>Support file<\/strong> <code>names.py<\/code>[^]*verified with guests.py/);
  });

  test('the indented blocks are dedented as shown: the copy of greet.py as written runs as is', () => {
    const original = site.result.posts[0]!.examples[0]!;
    expect(original.code).toBe('name = "reader"\nprint("Hello, %s!" % name)\n');
  });

  test('the editor\'s note gives the variant\'s words, then what it changed, from the diffs', () => {
    const note = /<aside class="editor-note"[^]*?<\/aside>/.exec(file(PAGE))![0];
    expect(note).toContain('<p>The same programs with f-strings, which Python 3.6 added.</p>');
    expect(note).toContain('<p>What the f-string version changed, from the diff of each block against the code as written in 2015:</p>');
    expect(note).toContain('<li><a href="#example-1"><code>greet.py</code></a>: <code>print(&quot;Hello, %s!&quot; % name)</code> → <code>print(f&quot;Hello, {name}!&quot;)</code></li>');
    expect(note).toContain('<li><a href="#example-3"><code>guests.py</code></a>: <code>NAMES = [&quot;Ada&quot;, &quot;Grace&quot;]</code> → <code>from names import NAMES</code>; <code>print(&quot;Guest: %s&quot; % name)</code> → <code>print(f&quot;Guest: {name}&quot;)</code></li>');
    expect(note).toContain('<li>Unchanged: <a href="#example-2"><code>$ python greet.py</code></a>.</li>');
    expect(note).toContain('<li>Added: <a href="#greeting-f-strings-example-3"><code>names.py</code></a>, run beside <a href="#example-3"><code>guests.py</code></a>.</li>');
  });

  test('counts both versions in the header, and lists the variant\'s examples in the report, linked to their figures', () => {
    expect(file(PAGE)).toContain('As written in 2015: 3 of 3 examples verified. f-string version: 3 of 4 examples verified, 1 not run.');
    expect(file('verification/index.html')).toContain('<a href="/2015/03/01/greeting/#greeting-f-strings-example-4">guests.py</a> <span class="report-variant">(f-string version)</span>');
    const report = JSON.parse(file('verification.json')) as { exampleId: string; variant: string | null; url: string }[];
    expect(report.filter((item) => item.variant === 'f-string version').map((item) => item.url)).toEqual([1, 2, 3, 4].map((n) => `/2015/03/01/greeting/#greeting-f-strings-example-${n}`));
    expect(report.filter((item) => item.variant === null)).toHaveLength(3);
  });
});
