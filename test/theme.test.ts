// Themes, built for real (test/fixtures/sites/themed): the blog's theme/ overrides the theme package
// (test/fixtures/themes/proofpress-theme-test, installed as npm would), which overrides the built-in theme;
// nav, footer, head extras, added CSS and a different shiki pair come from the config.
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { codeToHtml } from 'shiki';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../src/build.ts';
import { resolveConfig } from '../src/config/resolve.ts';
import { ConfigError, ThemeError } from '../src/errors.ts';
import { fixturePath, REPO_ROOT } from './helpers/project.ts';

const POST = '2025/01/02/hello/index.html';
const roots: string[] = [];

// A temp project from test/fixtures/sites/<name> with `proofpress` (for the overrides' imports) and the test theme
// installed in its node_modules, as `npm install proofpress file:…/proofpress-theme-test` leaves them.
async function project(name: string, files: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), `proofpress-theme-${name}-`));
  roots.push(root);
  await cp(fixturePath('sites', name), root, { recursive: true });
  await mkdir(path.join(root, 'node_modules'));
  await symlink(REPO_ROOT, path.join(root, 'node_modules', 'proofpress'));
  await cp(fixturePath('themes', 'proofpress-theme-test'), path.join(root, 'node_modules', 'proofpress-theme-test'), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

async function buildProject(root: string): Promise<BuildResult> {
  return build(resolveConfig(root, { useCache: false }), { write: false });
}

let result: BuildResult;
const file = (name: string) => String(result.files.find((candidate) => candidate.path === name)?.content);

beforeAll(async () => {
  result = await buildProject(await project('themed'));
});
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

describe('theme: lookup order blog theme/ → theme package → built-in', () => {
  test('a piece in both the blog and the package is the blog\'s, wrapping the package\'s, wrapping the built-in one', () => {
    const page = file(POST);
    expect(page).toMatch(/<div class="blog-post" data-words="1"><section class="package-post"><article class="post" data-pagefind-body>\n<header class="post-header">\n<h1>Hello, theme<\/h1>/);
    expect(page).toContain('</article>\n</section></div>');
  });

  test('a piece only the package has is the package\'s (returned as a string)', () => {
    expect(file('tags/index.html')).toContain('<h1>Package tags</h1>\n<p class="package-tags">1 tag(s)</p>');
    expect(file('tags/index.html')).not.toContain('<ul class="tag-list">');
  });

  test('a piece neither overrides is the built-in one, inside the blog\'s layout override', () => {
    expect(file('404.html')).toContain('<main id="main" tabindex="-1">\n<p class="blog-banner">Now with themes</p>\n<h1>Page not found</h1>');
    expect(file('tags/theming/index.html')).toContain('<p class="blog-banner">Now with themes</p>\n<h1>Posts tagged “Theming”</h1>');
  });

  test('the package\'s style.css replaces the built-in stylesheet; every other CSS is added after it, package, blog, config', () => {
    expect(file('assets/style.css')).toBe('/* proofpress-theme-test: the whole stylesheet, replacing the built-in one */\nbody { font-family: Georgia, serif; }\n');
    const added = file('assets/theme.css');
    expect(added).toMatch(/package\.css \*\/\n\.package-post \{[^}]*\}\n\n\/\* theme\/extra\.css \*\/\n\.blog-banner \{[^}]*\}\n\n\/\* styles\/brand\.css \*\/\n:root \{ --brand: rebeccapurple; \}\n$/);
    expect(file(POST)).toContain('<link rel="stylesheet" href="/assets/style.css">\n<link rel="stylesheet" href="/assets/theme.css">\n');
  });
});

describe('theme: config', () => {
  test('site.nav replaces the built-in links', () => {
    expect(file(POST)).toContain('<nav class="site-nav" aria-label="Site"><ul>\n<li><a href="/">Home</a></li>\n<li><a href="/tags/">Archive by tag</a></li>\n</ul></nav>');
    expect(file(POST)).not.toContain('>Verification</a></li>');
  });

  test('site.footer is Markdown in place of the built-in credit; the feeds stay', () => {
    expect(file(POST)).toMatch(/<footer class="site-footer">\n<p>© 2025 Ada · <a href="https:\/\/social\.example\.org\/@ada">Mastodon<\/a><\/p>\n<p>Subscribe: /);
    expect(file(POST)).not.toContain('Built with proofpress');
  });

  test('site.head goes into every page\'s head as written', () => {
    for (const name of [POST, 'index.html', '404.html']) {
      expect(file(name)).toContain('<script defer data-domain="themed.example.org" src="https://plausible.io/js/script.js"></script>\n</head>');
    }
  });

  test('code is coloured with the configured shiki pair', async () => {
    const expected = await codeToHtml('x = 1', { lang: 'python', themes: { light: 'min-light', dark: 'nord' }, defaultColor: false });
    const preStyle = (markup: string) => /<pre class="shiki[^"]*"[^>]*style="([^"]*)"/.exec(markup)?.[1];
    expect(preStyle(expected)).toBeDefined();
    expect(preStyle(file(POST))?.startsWith(preStyle(expected)!)).toBe(true);
    expect(file(POST)).not.toContain('--shiki-dark-bg:#0d1117');
  });

  test('a name that is not a shiki theme is refused, naming the field', async () => {
    const root = await project('themed', { 'proofpress.config.json': JSON.stringify({ highlight: { light: 'github-lite' } }) });
    expect(() => resolveConfig(root)).toThrow(ConfigError);
    expect(() => resolveConfig(root)).toThrow(/`highlight\.light` is not one of shiki's bundled themes/);
  });
});

describe('theme: mistakes name the file and the contract', () => {
  test('an override that exports no function', async () => {
    const root = await project('themed', { 'theme/footer.ts': 'export const footer = "<footer>oops</footer>";\n' });
    const error = await buildProject(root).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ThemeError);
    expect((error as ThemeError).message).toBe('Theme piece theme/footer.ts must export a function as `default` (or as `footer`), but exports a string');
    expect((error as ThemeError).file).toBe('theme/footer.ts');
    expect((error as ThemeError).hint).toContain('Theme.footer');
  });

  test('a script in theme/ that is no piece (a misspelt name)', async () => {
    const root = await project('themed', { 'theme/post.ts': 'export default () => "";\n' });
    await expect(buildProject(root)).rejects.toThrow('theme/post.ts is not a piece of the theme contract');
  });

  test('an override that returns something other than HTML', async () => {
    const root = await project('themed', { 'theme/not-found.ts': 'export default () => 42;\n' });
    await expect(buildProject(root)).rejects.toThrow('Theme piece theme/not-found.ts returned a number, not HTML');
  });

  test('a theme package that is not installed', async () => {
    const root = await project('themed', { 'proofpress.config.json': JSON.stringify({ theme: 'proofpress-theme-missing' }) });
    await expect(buildProject(root)).rejects.toThrow('Theme package proofpress-theme-missing is not installed');
  });

  test('a theme given as a folder path is used like a package', async () => {
    const root = await project('themed', { 'proofpress.config.json': JSON.stringify({ theme: './node_modules/proofpress-theme-test' }) });
    await rm(path.join(root, 'theme'), { recursive: true });
    const built = await buildProject(root);
    const tags = String(built.files.find((candidate) => candidate.path === 'tags/index.html')?.content);
    expect(tags).toContain('<h1>Package tags</h1>');
  });
});

describe('theme: the CLI', () => {
  const cli = (root: string) => execa('node', [path.join(REPO_ROOT, 'bin', 'proofpress.js'), 'build'], { cwd: root, reject: false, env: { NO_COLOR: '1' } });

  test('loads TypeScript overrides importing proofpress and writes the themed site', async () => {
    const root = await project('themed');
    const run = await cli(root);
    expect(run.exitCode, run.stderr).toBe(0);
    const page = await readFile(path.join(root, 'site', POST), 'utf8');
    expect(page).toContain('<p class="blog-banner">Now with themes</p>');
    expect(page).toContain('<div class="blog-post" data-words="1"><section class="package-post"><article class="post"');
    expect(await readFile(path.join(root, 'site', 'assets', 'theme.css'), 'utf8')).toContain('/* theme/extra.css */');
  });

  test('says how to fix a .ts override that Node loads as CommonJS (no "type": "module")', async () => {
    const root = await project('themed');
    await rm(path.join(root, 'package.json'));
    const run = await cli(root);
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toContain('Cannot load theme piece theme/');
    expect(run.stderr).toMatch(/Hint: It was loaded as CommonJS: add "type": "module" to the project's package\.json, or rename it to theme\/[a-z-]+\.mts\./);
  });
});
