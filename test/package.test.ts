// The package as a writer gets it: `npm pack`, then in an empty folder `npx <tarball> init blog`, npm install,
// build, `npx proofpress new`, build again — a real blog whose example is verified, with no engine checkout near it.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from './helpers/project.ts';

const TSC = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

let work: string;
let tarball: string;
let blog: string;
const timings: Record<string, number> = {};

/**
 * The environment of a writer's shell: ours without what `npm test` adds (npm_config_local_prefix and the
 * like would point the blog's npm at this repository).
 */
function writerEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD'));
}

/** Run a command as the writer would, timing it under `label`; a failure shows its whole output. */
async function run(label: string, file: string, args: string[], options: { cwd: string }) {
  const started = Date.now();
  const result = await execa(file, args, { env: writerEnv(), extendEnv: false, all: true, reject: false, stdin: 'ignore', cwd: options.cwd });
  timings[label] = Date.now() - started;
  if (result.exitCode !== 0) throw new Error(`${label} (${file} ${args.join(' ')}) exited ${result.exitCode}:\n${String(result.all)}`);
  return result;
}

/** npx installs the tarball into a folder of npm's cache (~60 MB); remove the one this test made. */
async function removeNpxInstall(): Promise<void> {
  const { stdout: cache } = await execa('npm', ['config', 'get', 'cache'], { env: writerEnv(), extendEnv: false });
  const npxDir = path.join(cache.trim(), '_npx');
  for (const entry of existsSync(npxDir) ? await readdir(npxDir) : []) {
    const manifest = path.join(npxDir, entry, 'package.json');
    const spec = existsSync(manifest) ? (JSON.parse(await readFile(manifest, 'utf8')) as { dependencies?: Record<string, string> }).dependencies?.proofpress : undefined;
    if (spec?.startsWith('file:') && path.resolve(npxDir, entry, spec.slice(5)) === tarball) await rm(path.join(npxDir, entry), { recursive: true, force: true });
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'pp-package-'));
  // prepack writes the declarations of "exports" into dist/types, postpack removes them again.
  const packed = await run('npm pack', 'npm', ['pack', '--json', '--pack-destination', work], { cwd: REPO_ROOT });
  tarball = path.join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
  await mkdir(path.join(work, 'empty'));
  blog = path.join(work, 'empty', 'blog');
}, 120_000);

afterAll(async () => {
  console.info(`package flow timings (ms): ${JSON.stringify(timings)}`);
  if (tarball) await removeNpxInstall();
  await rm(work, { recursive: true, force: true });
}, 60_000);

describe('package', () => {
  test('the tarball holds the bin, the sources, the templates and the declarations, and no tests or repository files', async () => {
    const { stdout } = await execa('tar', ['-tzf', tarball]);
    const files = stdout.split('\n').map((line) => line.replace(/^package\//, ''));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'bin/proofpress.js', 'src/cli.ts', 'src/snippet-runtime.ts', 'src/runners/sandbox/init.py', 'templates/blog/gitignore', 'dist/types/index.d.ts', 'dist/types/snippet-runtime.d.ts']));
    // The compiled copy the bin runs, with the files its sources read beside themselves.
    expect(files).toEqual(expect.arrayContaining(['dist/src/cli.js', 'dist/src/render/workers/highlight-worker.js', 'dist/src/runners/sandbox/init.py', 'dist/src/render/assets/style.css']));
    expect(files.filter((file) => /^(test|content|snippets|site|node_modules|\.venv|\.ci)\//.test(file))).toEqual([]);
    const manifest = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    // Nothing runs when the package is installed: Python is prepared by `setup` or by the first build that needs it.
    expect(Object.keys(manifest.scripts).filter((name) => /^(pre|post)?install$|^prepare$/.test(name))).toEqual([]);
  });

  test(
    'npx <tarball> init blog, npm install, npm run build publishes a verified example; npx proofpress new, then build, publishes the new post',
    async () => {
      // As a writer types it: a relative path (npx would run an absolute path to a file as a command).
      await run('init', 'npx', ['--yes', `../${path.basename(tarball)}`, 'init', 'blog'], { cwd: path.join(work, 'empty') });
      expect(JSON.parse(await readFile(path.join(blog, 'package.json'), 'utf8')).dependencies).toEqual({ proofpress: `file:${tarball}` });

      await run('npm install', 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: blog });
      expect(existsSync(path.join(blog, '.venv'))).toBe(false); // installing prepared no Python
      // An installed package runs its compiled JavaScript: with the TypeScript CLI broken, every build below still works.
      await writeFile(path.join(blog, 'node_modules', 'proofpress', 'src', 'cli.ts'), "throw new Error('the TypeScript sources ran, not dist/src');\n");
      // A theme piece in TypeScript still loads (the compiled engine registers tsx for it).
      await mkdir(path.join(blog, 'theme'));
      await writeFile(
        path.join(blog, 'theme', 'layout.ts'),
        "import { html, type LayoutInput, type PieceFunction } from 'proofpress';\nconst layout: PieceFunction<LayoutInput> = (input, next) => next({ ...input, body: html`<p class=\"typed-banner\">typed</p>${input.body}` });\nexport default layout;\n",
      );

      await run('first build', 'npm', ['run', 'build'], { cwd: blog });
      const [postPage] = (await readdir(path.join(blog, 'site'), { recursive: true })).filter((file) => file.endsWith('hello-world/index.html'));
      expect(postPage).toMatch(/^\d{4}\/\d{2}\/\d{2}\/hello-world\/index\.html$/);
      const html = await readFile(path.join(blog, 'site', postPage!), 'utf8');
      expect(html).toContain('data-example-status="passed"');
      expect(html).toContain('Hello from Python 3!');
      expect(html).toContain('<p class="typed-banner">typed</p>');
      const report = JSON.parse(await readFile(path.join(blog, 'site', 'verification.json'), 'utf8'));
      expect(JSON.stringify(report)).toContain('"passed"');
      expect(existsSync(path.join(blog, 'site', 'index.html'))).toBe(true);

      // The snippet imports the engine by package name: it runs from the blog's own node_modules.
      const snippet = path.join('snippets', 'hello-world', '01-hello-py.ts');
      expect(await readFile(path.join(blog, snippet), 'utf8')).toContain("from 'proofpress/snippet-runtime'");
      const alone = await run('snippet', 'npx', ['tsx', snippet], { cwd: blog });
      expect(alone.stdout).toContain('content/hello-world.md:13 hello.py (run=script): Verified');

      await run('new', 'npx', ['proofpress', 'new', 'Hello again'], { cwd: blog });
      expect(existsSync(path.join(blog, 'content', 'hello-again.md'))).toBe(true);
      await run('second build', 'npm', ['run', 'build'], { cwd: blog });
      const pages = await readdir(path.join(blog, 'site'), { recursive: true });
      expect(pages.some((file) => /^\d{4}\/\d{2}\/\d{2}\/hello-again\/index\.html$/.test(file))).toBe(true);
    },
    600_000,
  );

  test("the exports are typed: the build API and the snippet runtime type-check in the blog, and misuse does not", async () => {
    await writeFile(
      path.join(blog, 'uses-api.ts'),
      [
        "import { build, resolveConfig, type Verification } from 'proofpress';",
        "import { runSnippet } from 'proofpress/snippet-runtime';",
        "const result = await build(resolveConfig('.'), { write: false, filter: 'hello-world' });",
        "export const statuses: Verification['status'][] = result.verifications.map((verification) => verification.status);",
        'export const run: typeof runSnippet = runSnippet;',
        '// @ts-expect-error: a build needs a config (were the exports untyped, this line would be no error, and tsc would say so)',
        'await build();',
        '',
      ].join('\n'),
    );
    await writeFile(
      path.join(blog, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['uses-api.ts'] }),
    );
    await run('tsc', process.execPath, [TSC, '-p', '.'], { cwd: blog });
  }, 120_000);

  test('--version prints the version of the package', async () => {
    const { version } = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await run('--version', 'npx', ['proofpress', '--version'], { cwd: blog })).stdout).toBe(version);
  });
});
