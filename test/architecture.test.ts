// The import rules of STYLE.md guideline 1 (stages import only forward), checked by dependency-cruiser.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from './helpers/project.ts';

const DEPCRUISE = path.join(REPO_ROOT, 'node_modules', '.bin', 'depcruise');

function cruise(cwd: string) {
  return execa(DEPCRUISE, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd, reject: false });
}

describe('architecture', () => {
  test('src/ imports only from earlier stages', async () => {
    const result = await cruise(REPO_ROOT);
    expect(result.stdout + result.stderr).toContain('no dependency violations found');
    expect(result.exitCode).toBe(0);
  });

  test('a backward import (content → render) is reported', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'proofpress-arch-'));
    try {
      for (const entry of ['src', 'tsconfig.json', '.dependency-cruiser.cjs']) await cp(path.join(REPO_ROOT, entry), path.join(copy, entry), { recursive: true });
      await writeFile(path.join(copy, 'src', 'content', 'backward.ts'), "import { postUrl } from '../render/urls.ts';\nexport const x = postUrl;\n");
      const result = await cruise(copy);
      expect(result.exitCode).not.toBe(0);
      expect(result.stdout + result.stderr).toContain('no-content-to-later-stage');
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
