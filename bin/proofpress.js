#!/usr/bin/env node
// The `proofpress` command: proofpress ships its TypeScript sources, so this registers tsx's loader and runs src/cli.ts.
// (Compiling to dist/ would save ~0.2 s of a start-up that loads shiki and markdown-it anyway; see package.json "files".)
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
