// The regex engine under shiki: one tokenization serves both themes, each line is scanned once, and the HTML is unchanged.
import { createHighlighterCore, type RegexEngine } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { createOnigurumaEngine } from 'shiki/engine/oniguruma';
import { bundledLanguages } from 'shiki/langs';
import { describe, expect, test } from 'vitest';
import { createReplayingEngine } from '../../../src/render/highlight-engine.ts';

const THEMES = { light: 'github-light-default', dark: 'github-dark-default' };
// Keywords, strings, escapes, comments, decorators, regexes, generics and a heredoc: many rules and nested scopes.
const SAMPLES: Record<string, string> = {
  python: '@decorator\nclass App(object):\n    """Doc"""\n    def __call__(self, environ, start_response):\n        start_response("200 OK", [("Content-Type", "text/plain")])\n        return [b"Hello\\n" % (1,)]  # comment\n',
  ts: "interface Item<T> { id: number; tags?: T[] }\nexport const find = <T,>(items: Item<T>[], id = 1): Item<T> | undefined => items.find((item) => /^a+$/i.test(`${item.id}`));\n",
  bash: '#!/usr/bin/env bash\nset -euo pipefail\nfor f in "$@"; do\n  grep -c "ERROR" "$f" || echo "none in ${f%.log}"\ndone\ncat <<EOF\nhello $USER\nEOF\n',
};

/** A highlighter over `engine`, and `engine`'s scanners counted. */
async function highlighterOver(engine: RegexEngine) {
  const counted = { calls: 0 };
  const counting: RegexEngine = {
    createString: (text) => engine.createString(text),
    createScanner(patterns) {
      const scanner = engine.createScanner(patterns);
      return { findNextMatchSync: (text, start, options) => (counted.calls++, scanner.findNextMatchSync(text, start, options)), dispose: () => scanner.dispose?.() };
    },
  };
  const highlighter = await createHighlighterCore({
    themes: [import('@shikijs/themes/github-light-default'), import('@shikijs/themes/github-dark-default')],
    langs: Object.keys(SAMPLES).map((lang) => bundledLanguages[lang as keyof typeof bundledLanguages]()),
    engine: counting,
  });
  return { counted, html: (code: string, lang: string) => highlighter.codeToHtml(code, { lang, themes: THEMES, defaultColor: false }) };
}

describe('render/highlight-engine', () => {
  test.each(Object.keys(SAMPLES))('gives the HTML of two full tokenizations for %s, running the regexes half as often', async (lang) => {
    const plain = await highlighterOver(createJavaScriptRegexEngine());
    const expected = plain.html(SAMPLES[lang]!, lang);
    // Counted under the replaying engine: the questions that reach the real scanners.
    const base = createJavaScriptRegexEngine();
    const reaching = { calls: 0 };
    const replaying = createReplayingEngine({
      createString: (text) => base.createString(text),
      createScanner(patterns) {
        const scanner = base.createScanner(patterns);
        return { findNextMatchSync: (text, start, options) => (reaching.calls++, scanner.findNextMatchSync(text, start, options)) };
      },
    });
    const once = await highlighterOver(replaying.engine);
    expect(once.html(SAMPLES[lang]!, lang)).toBe(expected);
    expect(reaching.calls).toBeLessThanOrEqual(Math.ceil(plain.counted.calls / 2));
  });

  test('matches Oniguruma, the engine the grammars are written for, block after block', async () => {
    const exact = await highlighterOver(await createOnigurumaEngine(import('shiki/wasm')));
    const replaying = createReplayingEngine(createJavaScriptRegexEngine());
    const fast = await highlighterOver(replaying.engine);
    // Each language after the others: what a scanner remembered of one block never leaks into the next.
    for (const lang of [...Object.keys(SAMPLES), ...Object.keys(SAMPLES).reverse()]) {
      expect(fast.html(SAMPLES[lang]!, lang), lang).toBe(exact.html(SAMPLES[lang]!, lang));
      replaying.forget();
    }
  });
});
