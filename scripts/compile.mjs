// Compile src/ to JavaScript for the published package: `node scripts/compile.mjs [outDir]` (default dist/) writes
// <outDir>/src/**.js and copies the files the sources read beside themselves (the Python helpers, the sandbox's
// init.py, CSS, the copy button), so the compiled tree finds them where the TypeScript tree does.
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.dist.json'), '--outDir', outDir], { stdio: 'inherit' });
cpSync(path.join(root, 'src'), path.join(outDir, 'src'), {
  recursive: true,
  filter: (source) => !source.endsWith('.ts') && !source.includes('__pycache__'),
});
