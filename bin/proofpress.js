#!/usr/bin/env node
// The `proofpress` command. A published package runs its compiled JavaScript (dist/src/, made by `npm pack`'s
// prepack), which starts ~0.7 s sooner than going through a TypeScript loader. A checkout (it has .git) always
// runs its TypeScript sources through tsx, so that a dist/ left behind by an interrupted pack is never run stale.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli.js', import.meta.url);
if (existsSync(compiled) && !existsSync(new URL('../.git', import.meta.url))) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
