// `proofpress init [dir]`: the files of a new blog, which the engine reads back, and never an overwrite.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { initBlog } from '../../../src/commands/init.ts';
import { resolveConfig } from '../../../src/config/resolve.ts';
import { loadPosts } from '../../../src/content/load-posts.ts';
import { ScaffoldError } from '../../../src/errors.ts';

let parent: string;
beforeEach(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'pp-init-'));
});
afterEach(() => rm(parent, { recursive: true, force: true }));

const NOW = new Date('2025-03-04T05:06:07Z');

describe('commands/init', () => {
  test('writes the config, a first post, package.json, .gitignore, a CI workflow and a README', async () => {
    const blog = await initBlog({ dir: path.join(parent, 'My Blog'), engine: '^1.2.3', now: NOW });
    expect(blog.files.sort()).toEqual(['.github/workflows/build.yml', '.gitignore', 'README.md', 'content/hello-world.md', 'package.json', 'proofpress.config.json']);
    for (const file of blog.files) expect(existsSync(path.join(blog.dir, file)), file).toBe(true);
  });

  test("package.json runs the engine's bin in dev, build, check and preview, and depends on the engine as given", async () => {
    const blog = await initBlog({ dir: path.join(parent, 'My Blog'), engine: 'file:/somewhere/proofpress-1.2.3.tgz', now: NOW });
    const manifest = JSON.parse(await readFile(path.join(blog.dir, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: 'my-blog',
      private: true,
      scripts: { dev: 'proofpress dev', build: 'proofpress build', check: 'proofpress check', preview: 'proofpress preview' },
      dependencies: { proofpress: 'file:/somewhere/proofpress-1.2.3.tgz' },
    });
  });

  test('the commented config and the first post are what the engine reads: the title, one post dated now with a run=script example', async () => {
    const blog = await initBlog({ dir: path.join(parent, 'blog'), title: 'Notes "from" the lab', engine: '^1.2.3', now: NOW });
    expect(await readFile(path.join(blog.dir, 'proofpress.config.json'), 'utf8')).toMatch(/^\/\/ /);
    const config = resolveConfig(blog.dir);
    expect(config.site.title).toBe('Notes "from" the lab');
    const posts = await loadPosts(config, new Date('2025-03-05T00:00:00Z'));
    expect(posts.map((post) => [post.slug, post.date.toISOString()])).toEqual([['hello-world', '2025-03-04T05:06:07.000Z']]);
    expect(posts[0]!.body).toContain('```python file=hello.py run=script\n');
  });

  test('the CI workflow installs bubblewrap and python3-venv, then runs npm ci and npm run build', async () => {
    const blog = await initBlog({ dir: path.join(parent, 'blog'), engine: '^1.2.3', now: NOW });
    const workflow = await readFile(path.join(blog.dir, '.github', 'workflows', 'build.yml'), 'utf8');
    expect(workflow).toMatch(/apt-get install .*bubblewrap python3-venv/);
    expect(workflow.indexOf('run: npm ci')).toBeLessThan(workflow.indexOf('run: npm run build'));
    expect(workflow).toContain('path: site/');
  });

  test('.gitignore keeps out node_modules, site/ and the machine-local folders, not snippets/', async () => {
    const blog = await initBlog({ dir: path.join(parent, 'blog'), engine: '^1.2.3', now: NOW });
    const ignored = (await readFile(path.join(blog.dir, '.gitignore'), 'utf8')).split('\n').filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules/', '/site/', '.venv/', '.proofpress-cache/', '.proofpress-envs/']));
    expect(ignored.some((line) => line.includes('snippets/'))).toBe(false);
  });

  test('writes into a folder that holds other files, such as a fresh git repository', async () => {
    const dir = path.join(parent, 'blog');
    await mkdir(path.join(dir, '.git'), { recursive: true });
    await writeFile(path.join(dir, 'notes.txt'), 'mine');
    await initBlog({ dir, engine: '^1.2.3', now: NOW });
    expect(await readFile(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  test('refuses to overwrite, naming every file in the way, and writes nothing', async () => {
    const dir = path.join(parent, 'blog');
    await mkdir(path.join(dir, 'content'), { recursive: true });
    await writeFile(path.join(dir, 'package.json'), '{}');
    await writeFile(path.join(dir, 'content', 'hello-world.md'), 'my post');
    const init = initBlog({ dir, engine: '^1.2.3', now: NOW });
    await expect(init).rejects.toThrow(ScaffoldError);
    await expect(init).rejects.toMatchObject({ message: `${dir} already has package.json, content/hello-world.md: init writes a new blog and overwrites nothing` });
    expect((await readdir(dir, { recursive: true })).sort()).toEqual(['content', 'content/hello-world.md', 'package.json']);
    expect(await readFile(path.join(dir, 'package.json'), 'utf8')).toBe('{}');
  });
});
