// Entry point of the generated snippets in snippets/: verify one embedded example and exit 0 (passed) or 1.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from './config/resolve.ts';
import { loadPosts } from './content/load-posts.ts';
import type { Example } from './examples/extract.ts';
import { failureError } from './report/failures.ts';
import { printError } from './report/format-error.ts';
import { pythonNeeds } from './examples/python-choice.ts';
import { preparePythons } from './runners/prepare.ts';
import { verificationContext } from './verify/context.ts';
import { describeVerification } from './render/verification-line.ts';
import { escapeControls } from './util/text.ts';
import { verifyExample } from './verify/verify-one.ts';

/** Verify `example` (embedded in the snippet at `snippetUrl`, its Python chosen by the build) on that Python, always running it (no cache). */
export async function runSnippet(snippetUrl: string, relativeRoot: string, example: Example): Promise<void> {
  // The runners wait on unref'd timers (runners/process.ts `delay`, so that they never keep a build alive).
  // A snippet has nothing else holding Node's event loop: without this handle the loop drained mid-run and
  // Node exited 0, as if the example had passed. Until the verdict, the exit code says "failed".
  const keepAlive = setInterval(() => {}, 60_000);
  process.exitCode = 1;
  try {
    const root = path.resolve(path.dirname(fileURLToPath(snippetUrl)), relativeRoot);
    const config = resolveConfig(root, { useCache: false, drafts: true });
    const needs = pythonNeeds(await loadPosts(config), [example]);
    // A block that runs nothing (run=none) needs no interpreter: verifyExample says why it is not run.
    const ctx = needs.length > 0 ? (await verificationContext(config, await preparePythons(config, needs))).ctx : undefined;
    const verification = await verifyExample(example, ctx);
    if (verification.status === 'failed') {
      printError(failureError(verification), { root }); // with a code frame of the post, read from the project
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${escapeControls(`${example.source}:${example.line} ${example.label}: ${describeVerification(verification)}`)}\n`);
    process.exitCode = 0;
  } catch (error) {
    printError(error);
    process.exitCode = 1;
  } finally {
    clearInterval(keepAlive);
  }
}
