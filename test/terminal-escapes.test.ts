// Escape injection through a post's file name: a real CLI build prints no raw ESC or BEL on stdout or stderr.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { REPO_ROOT } from './helpers/project.ts';

const VENV_PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(REPO_ROOT, 'src', 'cli.ts');
// `content/$'x\e]0;PWNED\a\e[2K.md'`: retitles the terminal (OSC 0 … BEL), then erases the line.
const HOSTILE = 'x\u001b]0;PWNED\u0007\u001b[2K';
const SHOWN = 'x\\x1b]0;PWNED\\x07\\x1b[2K';

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

/**
 * A project (its folder name hostile too) with one post named HOSTILE whose script prints `printed`, expected to
 * print "hi"; the prose above it carries HOSTILE too (a failure's code frame shows it), and a block below runs nothing.
 */
async function hostileProject(printed: string, config: object = {}): Promise<string> {
  const root = path.join(await mkdtemp(path.join(tmpdir(), 'proofpress-escapes-')), `site-${HOSTILE}`);
  roots.push(path.dirname(root));
  await mkdir(path.join(root, 'content'), { recursive: true });
  await writeFile(path.join(root, 'proofpress.config.json'), JSON.stringify(config));
  const post = [
    ...['---', 'title: Escapes', 'date: 2024-01-01', '---', '', `Text ${HOSTILE}.`, ''],
    ...['```python file=a.py run=script', `print(${JSON.stringify(printed)})`, '```', '', '```output', 'hi', '```', ''],
    ...['Shown, not run:', '', '```sh', 'ls', '```', ''],
  ];
  await writeFile(path.join(root, 'content', `${HOSTILE}.md`), post.join('\n'));
  return root;
}

function build(root: string) {
  return execa(TSX, [CLI, 'build', '--root', root, '--no-cache'], { reject: false, env: { PROOFPRESS_PYTHON: VENV_PYTHON, NO_COLOR: '1' } });
}

function expectNoRawControls(output: string): void {
  expect(output).not.toMatch(/[\u0007\u001b]/);
}

describe('terminal escapes from content', () => {
  test('a failing build shows the hostile file name escaped in its progress, File: and Hint lines', async () => {
    const result = await build(await hostileProject('bye'));
    expect(result.exitCode).toBe(1);
    expectNoRawControls(result.stdout);
    expectNoRawControls(result.stderr);
    expect(result.stderr).toContain(`  ✗ content/${SHOWN}.md:8 a.py (run=script) — failed`);
    expect(result.stderr).toContain(`  File: content/${SHOWN}.md:8`);
    expect(result.stderr).toContain(`Hint: Fix the code or its expectation at content/${SHOWN}.md:8`);
    // The code frame of the post around the example: its prose escaped like everything else.
    expect(result.stderr).toContain(`     6 | Text ${SHOWN}.\n     7 |\n  >  8 | \`\`\`python file=a.py run=script\n`);
  });

  test('a passing build, and a failure published as a warning, print the name and the project folder escaped', async () => {
    const passing = await build(await hostileProject('hi'));
    expect(passing.exitCode).toBe(0);
    expectNoRawControls(passing.stdout);
    expectNoRawControls(passing.stderr);
    expect(passing.stderr).toContain(`  ✓ content/${SHOWN}.md:8 a.py (run=script) — passed`);
    // Off a terminal, a block that is not run gets no line of its own: the summary counts it.
    expect(passing.stderr).not.toContain('not run (');
    expect(passing.stderr).not.toContain(':18 ');
    expect(passing.stderr).toContain('Examples: 1 passed, 0 failed, 1 not run');
    expect(passing.stderr).toContain(`site written to `);
    expect(passing.stderr).toContain(`site-${SHOWN}`);

    const warned = await build(await hostileProject('bye', { onExampleFailure: 'warn' }));
    expect(warned.exitCode).toBe(0);
    expectNoRawControls(warned.stderr);
    expect(warned.stderr).toContain(`⚠ Example failed`);
    expect(warned.stderr).toContain(`  File: content/${SHOWN}.md:8`);
  });
});
