// The deployment files proofpress ships: the init workflow publishes to GitHub Pages and keeps the example
// cache together with the key that signs it; the Netlify file publishes site/.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../../helpers/project.ts';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Workflow {
  jobs: Record<string, { needs?: string; if?: string; permissions?: Record<string, string>; steps: Step[] }>;
}

// gray-matter's YAML reader (js-yaml), with an options object so that nothing is cached.
async function readYaml(file: string): Promise<Workflow> {
  return matter(`---\n${await readFile(path.join(REPO_ROOT, 'templates', file), 'utf8')}\n---\n`, {}).data as Workflow;
}

describe.each(['blog/github/workflows/build.yml', 'deploy/github-pages.yml'])('templates/%s', (file) => {
  test('uploads site/ as the Pages artifact and deploys it from pushes to the default branch only', async () => {
    const { jobs } = await readYaml(file);
    const upload = jobs.build!.steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with?.path).toBe('site/');
    expect(jobs.deploy!.needs).toBe('build');
    expect(jobs.deploy!.if).toContain("github.event_name == 'push'");
    expect(jobs.deploy!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(jobs.deploy!.steps.map((step) => step.uses)).toEqual(['actions/deploy-pages@v4']);
  });

  test('keeps .proofpress-cache/ between runs together with the key its entries are signed with, restored before the build', async () => {
    const { steps } = (await readYaml(file)).jobs.build!;
    const cacheIndex = steps.findIndex((step) => step.uses?.startsWith('actions/cache@'));
    const buildIndex = steps.findIndex((step) => step.run === 'npm run build');
    expect(cacheIndex).toBeGreaterThan(-1);
    expect(cacheIndex).toBeLessThan(buildIndex);
    const keyFile = steps[buildIndex]!.env!.PROOFPRESS_CACHE_KEY_FILE!;
    expect(keyFile).toMatch(/^\$\{\{ runner\.temp \}\}\//); // outside the project
    expect(steps[cacheIndex]!.with!.path!.split('\n').filter(Boolean)).toEqual(['.proofpress-cache', keyFile]);
    expect(steps[buildIndex]!.env!.PROOFPRESS_ISOLATION).toBe('strict');
  });
});

test('templates/deploy/netlify.toml publishes site/ and says that Netlify cannot sandbox the examples', async () => {
  const toml = await readFile(path.join(REPO_ROOT, 'templates', 'deploy', 'netlify.toml'), 'utf8');
  expect(toml).toMatch(/^\s*publish = "site"$/m);
  expect(toml).toMatch(/^\s*command = "npm run build"$/m);
  expect(toml).toContain('no bubblewrap');
});
