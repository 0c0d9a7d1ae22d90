// Stage 6a: one shiki highlighter per build, with light and dark themes exposed as CSS variables.
import { bundledLanguages, createHighlighter, type Highlighter, type ShikiTransformer } from 'shiki';

// The default pair, the "-default" GitHub themes: every token colour meets WCAG AA (4.5:1) on its own background, where the
// older github-light/github-dark pair's dark comments reach only 3.05:1 (test/unit/render/highlight.test.ts).
export const LIGHT_THEME = 'github-light-default';
export const DARK_THEME = 'github-dark-default';

/** How to show one block. */
export interface HighlightOptions {
  /** Number the lines (CSS counters on shiki's `.line` spans, so copying skips them). @default false */
  lineNumbers?: boolean;
  /** The number of the first line, when numbered. @default 1 */
  lineNumbersFrom?: number;
  /** 1-based lines to mark: their `.line` gets the class `highlighted` (the name shiki's transformers use). @default [] */
  highlightLines?: readonly number[];
}

/** Highlights code for pages; create once per build and dispose at the end. */
export interface CodeHighlighter {
  /** Highlighted `<pre class="shiki">…</pre>`; unknown languages are shown as plain text. */
  highlight(code: string, lang: string, options?: HighlightOptions): string;
  dispose(): void;
}

const ALIASES: Record<string, string> = { golang: 'go', py: 'python', python3: 'python', sh: 'shellscript', console: 'shellsession', output: 'text' };

// github-light-default's comment grey (#6e7781) is 4.54:1 on white: any tint behind a highlighted line takes it under
// WCAG AA's 4.5:1. This darker grey of the same hue keeps 4.5:1 on the stylesheet's --line-highlight too.
const COLOR_REPLACEMENTS = { [LIGHT_THEME]: { '#6e7781': '#59636e' } };

// Other engines' Markdown capitalises fence languages (```Python); shiki's names are lower-case.
function resolveLang(lang: string): string {
  const name = ALIASES[lang.toLowerCase()] ?? lang.toLowerCase();
  return name in bundledLanguages ? name : 'text';
}

/** The shiki themes (any bundled one, by name) of light and dark mode: the config's `highlight`. */
export interface CodeThemes {
  light: string;
  dark: string;
}

/** Load shiki once with the languages `langs` need (the post's fence languages). */
export async function createCodeHighlighter(langs: Iterable<string>, themes: CodeThemes = { light: LIGHT_THEME, dark: DARK_THEME }): Promise<CodeHighlighter> {
  const needed = [...new Set([...langs].map(resolveLang))].filter((lang) => lang !== 'text');
  const highlighter: Highlighter = await createHighlighter({ themes: [themes.light, themes.dark], langs: needed });
  return {
    highlight: (code, lang, options = {}) => {
      // A block's final newline would become an empty, numbered last line: drop it for display only
      // (the copy button still copies the code as run).
      const shown = code.replace(/\n$/, '');
      return highlighter.codeToHtml(shown, {
        lang: resolveLang(lang),
        themes: { light: themes.light, dark: themes.dark },
        // Both themes become CSS variables; the stylesheet picks one with prefers-color-scheme (no client JS).
        defaultColor: false,
        colorReplacements: COLOR_REPLACEMENTS,
        transformers: [
          ...(options.lineNumbers ? [numberLines(shown.split('\n').length, options.lineNumbersFrom ?? 1)] : []),
          ...(options.highlightLines?.length ? [highlightLines(options.highlightLines)] : []),
        ],
      });
    },
    dispose: () => highlighter.dispose(),
  };
}

// Marks the <pre> for the stylesheet's line counter and sizes its gutter to the widest line number
// (at least two digits, so short and long examples start their code in the same column). The counter is
// reset to one before the first number (`--line-start`), written only when that is not 1.
function numberLines(lineCount: number, from: number): ShikiTransformer {
  const start = from === 1 ? '' : `;--line-start:${from - 1}`;
  const digits = Math.max(2, String(from + lineCount - 1).length);
  return {
    name: 'proofpress:line-numbers',
    pre(node) {
      this.addClassToHast(node, 'line-numbers');
      node.properties.style = `${String(node.properties.style ?? '')}${start};--line-digits:${digits}`;
    },
  };
}

// The same classes as @shikijs/transformers' highlight transformers (`highlighted` lines in a `has-highlighted`
// <pre>), so themes written for shiki style ours; lines past the end of the code are simply not there.
function highlightLines(lines: readonly number[]): ShikiTransformer {
  const marked = new Set(lines);
  return {
    name: 'proofpress:highlight-lines',
    pre(node) {
      this.addClassToHast(node, 'has-highlighted');
    },
    line(node, line) {
      if (marked.has(line)) this.addClassToHast(node, 'highlighted');
    },
  };
}
