// Stage 6a: the blocks a build's pages show, highlighted before the pages render: from the render cache, else on every core.
import { createHash } from 'node:crypto';
import type { RenderStore } from './cache/render-store.ts';
import type { CodeHighlighter, CodeThemes, HighlightOptions, HighlightRequest } from './highlight.ts';
import type { HighlightThreads } from './workers/highlight-pool.ts';

/** Where highlighted blocks come from. */
export interface BlockContext {
  /** The render cache; without it every block is highlighted. */
  store?: RenderStore;
  /** renderFingerprints().blocks: shiki and the highlighting code. */
  fingerprint: string;
  themes: CodeThemes;
  /** Threads the build started ahead (a first build); else threads are started here when the job is long. */
  threads?: HighlightThreads;
}

/** The prepared blocks, and how many had to be highlighted now. */
export interface PreparedBlocks {
  /** Answers `highlight()` for the prepared blocks only: pages render synchronously from it. */
  highlighter: CodeHighlighter;
  highlighted: number;
  cached: number;
}

// Below this many blocks to highlight, starting worker threads (~0.3 s each) costs more than it saves.
const THREADS_FROM = 200;

/** Highlight `requests` (the blocks of every article about to render), each distinct block once. */
export async function prepareBlocks(requests: HighlightRequest[], ctx: BlockContext): Promise<PreparedBlocks> {
  const byId = new Map<string, HighlightRequest>();
  for (const request of requests) byId.set(blockId(request.code, request.lang, request.options), request);
  const keyOf = (id: string) => createHash('sha256').update(`${ctx.fingerprint}\0${ctx.themes.light}\0${ctx.themes.dark}\0${id}`).digest('hex');
  const keys = new Map([...byId.keys()].map((id) => [id, keyOf(id)]));
  const found = ctx.store ? await ctx.store.load(keys.values()) : new Map<string, string>();
  const html = new Map<string, string>();
  const missing: string[] = [];
  for (const [id, key] of keys) {
    const cached = found.get(key);
    if (cached === undefined) missing.push(id);
    else html.set(id, cached);
  }
  if (missing.length > 0) {
    const blocks = missing.map((id) => byId.get(id)!);
    const made = await highlightMissing(blocks, ctx);
    missing.forEach((id, i) => {
      html.set(id, made[i]!);
      ctx.store?.set(keys.get(id)!, made[i]!);
    });
  }
  return {
    highlighter: {
      highlight(code, lang, options) {
        const prepared = html.get(blockId(code, lang, options));
        // Pages ask for exactly the blocks figureBlocks() listed; anything else is a bug in what was prepared.
        if (prepared === undefined) throw new Error(`a ${lang} block was rendered without being prepared (render/highlight-blocks.ts)`);
        return prepared;
      },
      dispose() {},
    },
    highlighted: missing.length,
    cached: keys.size - missing.length,
  };
}

// Threads started ahead by the build, else threads of its own for a long job (each grammar is loaded where a block needs it).
async function highlightMissing(blocks: HighlightRequest[], ctx: BlockContext): Promise<string[]> {
  if (ctx.threads) return ctx.threads.highlight(blocks);
  // Loaded only when something must be highlighted: shiki and its grammars are a large part of start-up.
  const { highlightInThreads } = await import('./workers/highlight-pool.ts');
  return highlightInThreads(blocks, { themes: ctx.themes, ...(blocks.length < THREADS_FROM ? { workers: 0 } : {}) });
}

// The same block asked for twice (same code, language and options) is one id: highlighted and stored once.
function blockId(code: string, lang: string, options: HighlightOptions = {}): string {
  return `${lang}\0${JSON.stringify(options)}\0${code}`;
}
