// Every HTML page the build produces is valid HTML5 under html-validate's recommended rules.
import { HtmlValidate, type Message } from 'html-validate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BuiltSite, buildSite } from './helpers/built-site.ts';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // shiki colours each token through inline CSS variables (both themes at once); there is no class-based output.
    'no-inline-style': 'off',
    // Code and captured output are shown byte for byte, trailing spaces included (the seed has one).
    'no-trailing-whitespace': 'off',
    // `<!doctype html>` is the spelling the HTML standard itself uses; the rule only picks a case.
    'doctype-style': ['error', { style: 'lowercase' }],
    // Heading anchors are slugs of the heading ("1-install-wsgiref"); HTML5 allows ids to start with a digit.
    'valid-id': ['error', { relaxed: true }],
  },
});

const sites: Record<string, BuiltSite> = {};

beforeAll(async () => {
  // The WSGI article as a Python 3 post (a fixture: tests do not depend on what content/ holds), and a post with a variant.
  sites['wsgi-python3'] = await buildSite('wsgi-python3');
  sites.variants = await buildSite('variants');
  // This fixture publishes a failed example, so the build must not stop at it.
  sites['figure-cases'] = await buildSite('figure-cases', { overrides: { onExampleFailure: 'warn' } });
  // Every Markdown feature (footnotes, math, contents, tasks, callouts, tables, raw HTML on), and excerpts in lists.
  sites['rich-markdown'] = await buildSite('rich-markdown');
  sites.showcase = await buildSite('showcase');
});

afterAll(async () => {
  await Promise.all(Object.values(sites).map((site) => site.cleanup()));
});

function describeMessage(file: string, message: Message): string {
  return `${file}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`;
}

describe('html-validate', () => {
  test.each(['wsgi-python3', 'variants', 'figure-cases', 'rich-markdown', 'showcase'])('every page of the %s site is valid HTML5', async (name) => {
    const pages = sites[name]!.result.files.filter((file) => file.path.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const page of pages) {
      const report = await validator.validateString(String(page.content), page.path);
      for (const result of report.results) problems.push(...result.messages.map((message) => describeMessage(page.path, message)));
    }
    expect(problems).toEqual([]);
  });
});
