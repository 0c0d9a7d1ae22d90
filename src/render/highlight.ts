// Stage 6a: one shiki highlighter per build, with light and dark themes exposed as CSS variables.
import { bundledLanguages, createHighlighter, type Highlighter } from 'shiki';

export const LIGHT_THEME = 'github-light';
export const DARK_THEME = 'github-dark';

/** Highlights code for pages; create once per build and dispose at the end. */
export interface CodeHighlighter {
  /** Highlighted `<pre class="shiki">…</pre>`; unknown languages are shown as plain text. */
  highlight(code: string, lang: string): string;
  dispose(): void;
}

const ALIASES: Record<string, string> = { py: 'python', python3: 'python', sh: 'shellscript', console: 'shellsession', output: 'text' };

function resolveLang(lang: string): string {
  const name = ALIASES[lang] ?? lang;
  return name in bundledLanguages ? name : 'text';
}

/** Load shiki once with the languages `langs` need (the post's fence languages). */
export async function createCodeHighlighter(langs: Iterable<string>): Promise<CodeHighlighter> {
  const needed = [...new Set([...langs].map(resolveLang))].filter((lang) => lang !== 'text');
  const highlighter: Highlighter = await createHighlighter({ themes: [LIGHT_THEME, DARK_THEME], langs: needed });
  return {
    highlight: (code, lang) =>
      highlighter.codeToHtml(code, {
        lang: resolveLang(lang),
        themes: { light: LIGHT_THEME, dark: DARK_THEME },
        // Both themes become CSS variables; the stylesheet picks one with prefers-color-scheme (no client JS).
        defaultColor: false,
      }),
    dispose: () => highlighter.dispose(),
  };
}
