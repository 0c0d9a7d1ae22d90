// The `init` and `new` commands (writing a blog's files), registered on the CLI's program by cli.ts.
import path from 'node:path';
import type { Command } from 'commander';
import { resolveConfig } from '../config/resolve.ts';
import { escapeControls } from '../util/text.ts';
import { engineSpec } from './engine.ts';
import { initBlog } from './init.ts';
import { newPost } from './new-post.ts';

// Paths come from the command line and titles from the writer: escaped like every other printed text.
const say = (text: string) => process.stderr.write(`${escapeControls(text)}\n`);
const shown = (file: string) => path.relative(process.cwd(), file) || '.';

/** Add `init` and `new` to `program`. */
export function registerScaffoldCommands(program: Command): void {
  program
    .command('init')
    .description('start a blog in <dir>: a commented config, a first post with a verified example, npm scripts, .gitignore and a CI workflow')
    .argument('[dir]', 'folder of the new blog (made when missing)', '.')
    .option('--title <title>', "the site's title (default: the folder's name)")
    .option('--engine <spec>', 'npm spec of the proofpress the blog depends on (default: the one running, as installed)')
    .action(async (dir: string, flags: { title?: string; engine?: string }) => {
      const blog = await initBlog({ dir, title: flags.title, engine: flags.engine ?? engineSpec() });
      say(`✓ Created a blog in ${shown(blog.dir)}: ${blog.files.join(', ')}`);
      const cd = path.resolve(dir) === process.cwd() ? [] : [`  cd ${shown(blog.dir)}`];
      say(['Next:', ...cd, '  npm install', '  npm run build     # runs the example of content/hello-world.md, then writes site/', '  npm run dev       # serves the blog while you write'].join('\n'));
    });

  program
    .command('new')
    .description('write a new post dated now: content/<slug of the title>.md (never overwrites)')
    .argument('<title>', "the post's title")
    .option('--slug <slug>', 'file name and URL slug (default: from the title)')
    .option('--root <dir>', 'project folder', '.')
    .action(async (title: string, flags: { slug?: string; root: string }) => {
      const config = resolveConfig(flags.root);
      const post = await newPost({ root: config.root, contentDir: config.contentDir, title, slug: flags.slug });
      say(`✓ Wrote ${shown(post.file)}; \`npm run build\` publishes it (add \`draft: true\` to its front matter to keep it out).`);
    });
}
