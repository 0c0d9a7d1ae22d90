// proofpress laid out as `npm install proofpress` gives it: bin/, package.json, templates/, src/ and the compiled
// dist/src/ (scripts/compile.mjs, as prepack runs it), in a temp folder without .git, so the bin runs the compiled
// JavaScript a writer runs rather than the checkout's TypeScript. Its node_modules is the checkout's.
import { cp, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
let prepared: Promise<string> | undefined;

/** The folder of the installed-like copy (made once per bench process). */
export function installedPackage(): Promise<string> {
  prepared ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'proofpress-package-'));
    for (const entry of ['bin', 'src', 'templates', 'package.json']) await cp(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
    await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    await execa(process.execPath, [path.join(ROOT, 'scripts', 'compile.mjs'), path.join(dir, 'dist')], { stdio: 'inherit' });
    return dir;
  })();
  return prepared;
}
