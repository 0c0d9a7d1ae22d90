// Stage 6a: a shiki highlighter with light and dark themes exposed as CSS variables, made from only the grammars a site uses.
import { createHighlighterCore, type HighlighterCore, type RegexEngine, type ShikiTransformer } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { bundledLanguages } from 'shiki/langs';
import { bundledThemes } from 'shiki/themes';
import { createReplayingEngine } from './highlight-engine.ts';

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

// Per line; far beyond any real line (a few ms), so that the output never depends on the machine's load.
const TOKENIZE_LIMIT_MS = 60_000;

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

/**
 * Which regex engine runs the grammars. `javascript` (the default) transpiles Oniguruma patterns to native RegExp:
 * about 16 ms to create instead of 70 ms and no WebAssembly; a pattern it cannot translate throws, and the
 * caller highlights that block with `oniguruma` (the engine TextMate grammars are written for) instead.
 */
export type RegexEngineName = 'javascript' | 'oniguruma';

/** The themes and engine of a highlighter. */
export interface HighlighterOptions {
  themes?: CodeThemes;
  /** @default "javascript" */
  engine?: RegexEngineName;
}

/** A highlighter that can take more grammars after it was made. */
export interface GrowingHighlighter extends CodeHighlighter {
  /** Load the grammars of `langs` that are not loaded yet (a block's language must be loaded before it is highlighted). */
  load(langs: Iterable<string>): Promise<void>;
}

/** Load shiki once with the languages `langs` need (the post's fence languages), and only those grammars. */
export async function createCodeHighlighter(langs: Iterable<string>, options: HighlighterOptions = {}): Promise<GrowingHighlighter> {
  const { themes = { light: LIGHT_THEME, dark: DARK_THEME }, engine = 'javascript' } = options;
  const grammarsOf = (names: Iterable<string>) => [...new Set([...names].map(resolveLang))].filter((lang) => lang !== 'text');
  const loaded = new Set(grammarsOf(langs));
  const replay = createReplayingEngine(await createEngine(engine));
  const highlighter: HighlighterCore = await createHighlighterCore({
    themes: [loadTheme(themes.light), loadTheme(themes.dark)],
    langs: [...loaded].map((lang) => bundledLanguages[lang as keyof typeof bundledLanguages]!()),
    engine: replay.engine,
  });
  return {
    async load(more) {
      const missing = grammarsOf(more).filter((lang) => !loaded.has(lang));
      for (const lang of missing) loaded.add(lang);
      if (missing.length > 0) await highlighter.loadLanguage(...missing.map((lang) => bundledLanguages[lang as keyof typeof bundledLanguages]!()));
    },
    highlight: (code, lang, options = {}) => {
      // A block's final newline would become an empty, numbered last line: drop it for display only
      // (the copy button still copies the code as run).
      const shown = code.replace(/\n$/, '');
      try {
        return highlighter.codeToHtml(shown, {
          lang: resolveLang(lang),
          themes: { light: themes.light, dark: themes.dark },
          // Both themes become CSS variables; the stylesheet picks one with prefers-color-scheme (no client JS).
          defaultColor: false,
          colorReplacements: COLOR_REPLACEMENTS,
          // shiki stops tokenizing a line after 500 ms by default and leaves its rest unstyled, so a busy machine (or
          // the JavaScript engine translating a grammar's longest patterns on first use) changed the page. The limit
          // stays only against a runaway pattern.
          tokenizeTimeLimit: TOKENIZE_LIMIT_MS,
          transformers: [
            ...(options.lineNumbers ? [numberLines(shown.split('\n').length, options.lineNumbersFrom ?? 1)] : []),
            ...(options.highlightLines?.length ? [highlightLines(options.highlightLines)] : []),
          ],
        });
      } finally {
        replay.forget(); // the light theme's matches served the dark theme's pass; the next block has other lines
      }
    },
    dispose: () => highlighter.dispose(),
  };
}

async function createEngine(name: RegexEngineName): Promise<RegexEngine> {
  if (name === 'javascript') return createJavaScriptRegexEngine();
  // Loaded only when a block needs it: the WebAssembly build of Oniguruma is about 600 KB.
  const { createOnigurumaEngine } = await import('shiki/engine/oniguruma');
  return createOnigurumaEngine(import('shiki/wasm'));
}

function loadTheme(name: string) {
  const load = bundledThemes[name as keyof typeof bundledThemes];
  if (!load) throw new Error(`${name} is not one of shiki's bundled themes`); // the config schema refuses it first
  return load();
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

/** One block to highlight, as a figure asks for it. */
export interface HighlightRequest {
  code: string;
  lang: string;
  options?: HighlightOptions;
}
