// Stage 6 entry: every output file of the site, rendered in memory from the verified posts.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type MarkdownIt from 'markdown-it';
import type { ResolvedConfig } from '../config/resolve.ts';
import type { OutputFileData } from './output.ts';
import { createCodeHighlighter } from './highlight.ts';
import { installExampleRules } from './fence-rule.ts';
import { renderIndexPage } from './index-page.ts';
import { renderPostPage, type VerifiedPost } from './post-page.ts';
import { groupByTag, renderTagPage } from './tag-page.ts';
import { fileForUrl, postUrl, tagUrl } from './urls.ts';

const STYLE_SHEET = fileURLToPath(new URL('./assets/style.css', import.meta.url));

/** Render pages, assets and verification.json for `posts` (sorted newest first). */
export async function renderSite(config: ResolvedConfig, md: MarkdownIt, posts: VerifiedPost[]): Promise<OutputFileData[]> {
  installExampleRules(md);
  const highlighter = await createCodeHighlighter(posts.flatMap((post) => post.examples.map((example) => example.spec.lang)));
  try {
    const metas = posts.map((post) => post.parsed.post);
    const files: OutputFileData[] = [
      { path: 'index.html', content: renderIndexPage(config.site, metas) },
      { path: 'assets/style.css', content: await readFile(STYLE_SHEET, 'utf8') },
      { path: 'verification.json', content: `${JSON.stringify(posts.flatMap((post) => post.verifications), null, 2)}\n` },
    ];
    for (const post of posts) {
      files.push({ path: fileForUrl(postUrl(post.parsed.post)), content: renderPostPage({ md, site: config.site, highlighter, post }) });
    }
    for (const [tag, tagged] of groupByTag(metas)) files.push({ path: fileForUrl(tagUrl(tag)), content: renderTagPage(config.site, tag, tagged) });
    return files;
  } finally {
    highlighter.dispose();
  }
}
