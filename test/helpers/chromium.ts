// Test helper: Debian's Chromium through playwright-core, launched as test/e2e/browser.test.ts launches it.
import { type Browser, chromium } from 'playwright-core';
import * as tools from './tools.ts';

export const CHROMIUM = tools.CHROMIUM;

// Found as every browser test finds it (tools.ts): missing, the tests are skipped saying why, unless
// PROOFPRESS_REQUIRE_TOOLS (set by .ci/run) makes that a failure.
const browserTool = await tools.chromium();

/** Why browser tests are skipped here, or undefined when Chromium is installed. */
export const NO_CHROMIUM = browserTool.skip ? browserTool.missing : undefined;

// The machine's network is closed: without the background-networking flags Chromium keeps trying to
// reach Google's hosts. --no-sandbox because CI runs as root.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
