// The page the dev server answers with while the latest build failed: the error as the terminal shows it.
import { html } from '../util/html.ts';

/**
 * A self-contained page (no stylesheet of the site, which may be what broke) showing `text`: the error as
 * formatted for the terminal, without colour. The dev server adds its reload script, so the page turns
 * back into the site by itself once a build succeeds.
 */
export function renderErrorPage({ heading, text }: { heading: string; text: string }): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${heading} · proofpress dev</title>
<style>
:root { color-scheme: light dark; }
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { color: #c62828; font-size: 1.4rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; padding: 1rem; border: 1px solid #c6282880; border-radius: 6px; font: 14px/1.45 ui-monospace, monospace; }
</style>
</head>
<body>
<main>
<h1>${heading}</h1>
<pre class="build-error">${text}</pre>
<p>This page reloads by itself when the site has built: fix the file named above, if any, and save.</p>
</main>
</body>
</html>
`.value;
}
