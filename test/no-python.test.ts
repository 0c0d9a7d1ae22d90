// A blog whose posts run no example builds without Python: no interpreter is looked for and no .venv is made.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import { resolveConfig } from '../src/config/resolve.ts';

let root: string;
afterEach(() => rm(root, { recursive: true, force: true }));

test('a post without runnable examples builds with no Python anywhere (PROOFPRESS_PYTHON names none)', async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pp-no-python-'));
  await mkdir(path.join(root, 'content'));
  const post = ['---', 'title: Words only', 'date: 2024-01-01', '---', '', 'Some prose.', '', '```python', 'print("shown, not run")', '```', ''];
  await writeFile(path.join(root, 'content', 'words.md'), post.join('\n'));
  // Were an interpreter prepared, this one would fail the build: it does not exist.
  const config = resolveConfig(root, { pythonOverride: path.join(root, 'no-such-python') });
  const result = await build(config, { write: false });
  expect(result.verifications.map((v) => v.status)).toEqual(['skipped']);
  expect(result.files.some((file) => file.path.endsWith('words/index.html'))).toBe(true);
  expect(existsSync(config.venvDir)).toBe(false);
});
