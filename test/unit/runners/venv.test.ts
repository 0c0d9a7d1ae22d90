// The project venv: created from the posts' requirements, reused when nothing changed, clear errors otherwise.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { RunnerError } from '../../../src/errors.ts';
import { formatError } from '../../../src/report/format-error.ts';
import { collectRequirements, ensureVenv } from '../../../src/runners/venv.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempVenvDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'proofpress-venv-'));
  dirs.push(dir);
  return path.join(dir, '.venv');
}

describe('runners/venv', () => {
  test('merges requirements and remembers which posts declare them', () => {
    expect(
      collectRequirements([
        { source: 'content/b.md', requirements: ['flup==1.0.3'] },
        { source: 'content/a.md', requirements: ['flup==1.0.3', 'Paste'] },
      ]),
    ).toEqual([
      { requirement: 'flup==1.0.3', posts: ['content/b.md', 'content/a.md'] },
      { requirement: 'Paste', posts: ['content/a.md'] },
    ]);
  });

  test('creates the venv once and reuses it while the requirements are unchanged', async () => {
    const venvDir = await tempVenvDir();
    const runtime = await ensureVenv({ venvDir, baseCandidates: ['python3'], requirements: [] });
    expect(runtime.executable.startsWith(venvDir)).toBe(true);
    const stamp = await stat(path.join(venvDir, 'proofpress-requirements.json'));
    const started = Date.now();
    const again = await ensureVenv({ venvDir, baseCandidates: ['python3'], requirements: [] });
    expect(again).toEqual(runtime);
    expect((await stat(path.join(venvDir, 'proofpress-requirements.json'))).mtimeMs).toBe(stamp.mtimeMs);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test('names the post and the package when a requirement cannot be installed', async () => {
    const venvDir = await tempVenvDir();
    const requirements = collectRequirements([{ source: 'content/bad.md', requirements: ['flup==9.9.9'] }]);
    const error = await ensureVenv({ venvDir, baseCandidates: ['python3'], requirements }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunnerError);
    const text = formatError(error);
    expect(text).toContain('✗ Could not install the Python requirement `flup==9.9.9` declared by content/bad.md');
    expect(text).toContain('File: content/bad.md');
    expect(text).toContain('No matching distribution found for flup==9.9.9');
  });
});
