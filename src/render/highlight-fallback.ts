// Stage 6a: highlight with the JavaScript regex engine, and with Oniguruma any block whose grammar patterns it cannot translate.
import { type CodeThemes, createCodeHighlighter, type GrowingHighlighter, type HighlightRequest } from './highlight.ts';

/** Highlights blocks one by one, loading their grammars on first need; create one per thread and dispose at the end. */
export interface BlockHighlighter {
  highlight(block: HighlightRequest): Promise<string>;
  dispose(): void;
}

/**
 * A JavaScript-engine highlighter for `langs`. The engine is strict: a pattern it cannot translate throws when a
 * block first reaches it, and that block is highlighted again with Oniguruma (created on first need), which
 * TextMate grammars are written for. Both engines give the same HTML for what both can run.
 */
export async function createBlockHighlighter(langs: readonly string[] = [], themes?: CodeThemes): Promise<BlockHighlighter> {
  const fast = await createCodeHighlighter(langs, { themes });
  let exact: Promise<GrowingHighlighter> | undefined;
  return {
    async highlight({ code, lang, options }) {
      await fast.load([lang]);
      try {
        return fast.highlight(code, lang, options);
      } catch {
        exact ??= createCodeHighlighter(langs, { themes, engine: 'oniguruma' });
        const highlighter = await exact;
        await highlighter.load([lang]);
        return highlighter.highlight(code, lang, options);
      }
    },
    dispose() {
      fast.dispose();
      void exact?.then((highlighter) => highlighter.dispose());
    },
  };
}
