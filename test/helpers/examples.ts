// Build Example records from Markdown text through the real pipeline (front matter → markdown-it → extract).
import { readFile } from 'node:fs/promises';
import { toPost } from '../../src/content/post.ts';
import { type Example, extractExamples } from '../../src/examples/extract.ts';
import { createMarkdown } from '../../src/markdown/create.ts';
import { parsePost } from '../../src/markdown/parse.ts';
import { fixturePath } from './project.ts';

/** Every example of a post given as text (front matter added when absent). */
export function examplesFromMarkdown(body: string, source = 'content/test-post.md'): Example[] {
  const text = body.startsWith('---') ? body : `---\ntitle: Test post\ndate: 2024-01-01\n---\n${body}`;
  return extractExamples(parsePost(createMarkdown(), toPost({ path: source, text }))).examples;
}

/** A one-block post running `test/fixtures/python/<name>` with the given fence attributes. */
export async function fixtureExample(name: string, attributes: string): Promise<Example> {
  const code = await readFile(fixturePath('python', name), 'utf8');
  const [example] = examplesFromMarkdown(`\n\`\`\`python file=${name} ${attributes}\n${code}\`\`\`\n`);
  return example!;
}

/**
 * The sandbox an example gets from a post that sets neither `network:` nor `limits:` (what extractExamples
 * gives it): for Example records written by hand, so that default lives in one place.
 */
export function defaultSandbox(overrides: Partial<Example['sandbox']> = {}): Example['sandbox'] {
  return { network: false, limits: {}, ...overrides };
}
