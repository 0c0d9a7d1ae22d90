// Stage 6a: the regex engine under shiki, made to tokenize each block once for both colour themes and to scan each line once.
//
// shiki colours a block for two themes by tokenizing it twice, once per theme (codeToTokensWithThemes), and
// nearly all of that time is spent matching the grammar's regexes. The regexes and what they match do not
// depend on the theme (a theme only colours the scopes found), so the second pass asks every scanner exactly
// the questions the first one did. This engine remembers each answer for the block being highlighted and
// replays it: the grammar runs its regexes once per block, and the output is byte for byte what two passes
// give, since a scanner's answer is a pure function of (patterns, line, start position, options).
import type { RegexEngine, RegexEngineString } from 'shiki/core';

/** A regex engine whose answers are remembered until `forget()`, called after each block. */
export interface ReplayingEngine {
  engine: RegexEngine;
  /** Drop what the scanners remembered: the next block's lines are new. */
  forget(): void;
}

type Scanner = ReturnType<RegexEngine['createScanner']>;
type Match = ReturnType<Scanner['findNextMatchSync']>;

/** Wrap `engine` so that a block's second tokenization (the dark theme's) replays the first one's matches. */
export function createReplayingEngine(engine: RegexEngine): ReplayingEngine {
  // Each scanner's memory: line text → (start position and options) → the match. Only scanners a block used are listed.
  const used = new Set<Map<string, Map<number, Match>>>();
  return {
    engine: {
      createString: (text) => engine.createString(text),
      createScanner(patterns) {
        const scanner = scanOnce(engine.createScanner(patterns), patterns);
        const memory = new Map<string, Map<number, Match>>();
        return {
          findNextMatchSync(text: string | RegexEngineString, start: number, options: number) {
            const line = typeof text === 'string' ? text : text.content;
            let answers = memory.get(line);
            if (!answers) {
              answers = new Map();
              memory.set(line, answers);
              used.add(memory);
            }
            // Options are a handful of flags (\G, \A anchors for Oniguruma): start and options in one number.
            const key = start * 16 + (options | 0);
            const known = answers.get(key);
            if (known !== undefined) return known;
            const match = scanner.findNextMatchSync(text, start, options);
            answers.set(key, match);
            return match;
          },
          dispose: () => scanner.dispose?.(),
        };
      },
    },
    forget() {
      for (const memory of used) memory.clear();
      used.clear();
    },
  };
}

const NO_CAPTURE = 4294967295; // Oniguruma's "did not participate"

/**
 * The JavaScript engine's scanner (shiki's JavaScriptScanner, whose compiled `regexps` are public) searched the way
 * vscode-oniguruma searches: each regex remembers where it last matched on the current line, and a later search
 * from a position at or before that match gets the same match without running again. A regex's leftmost match
 * from a start does not depend on the start unless the pattern uses \G (the search-start anchor): those always
 * run. Any other engine's scanner is returned as it is.
 */
function scanOnce(scanner: Scanner, patterns: readonly (string | RegExp)[]): Scanner {
  const regexps = (scanner as Scanner & { regexps?: (RegExp | null)[] }).regexps;
  if (!Array.isArray(regexps) || regexps.length !== patterns.length) return scanner;
  const remembers = patterns.map((pattern) => typeof pattern === 'string' && !pattern.includes('\\G'));
  const lastLine: (string | undefined)[] = [];
  const lastStart: number[] = [];
  const lastMatch: (RegExpExecArray | null)[] = [];
  const toMatch = (index: number, match: RegExpExecArray): Match => ({
    index,
    captureIndices: match.indices!.map((range) => (range ? { start: range[0], end: range[1], length: range[1] - range[0] } : { start: NO_CAPTURE, end: NO_CAPTURE, length: 0 })),
  });
  return {
    findNextMatchSync(text, start) {
      const line = typeof text === 'string' ? text : text.content;
      let best = -1;
      let bestMatch: RegExpExecArray | undefined;
      for (let i = 0; i < regexps.length; i++) {
        const regexp = regexps[i];
        if (!regexp) continue; // a pattern a forgiving engine skipped
        let match: RegExpExecArray | null;
        const previous = lastMatch[i];
        if (remembers[i] && lastLine[i] === line && lastStart[i]! <= start && (previous === null || previous!.index >= start)) {
          match = previous!;
        } else {
          regexp.lastIndex = start;
          match = regexp.exec(line);
          if (remembers[i]) {
            lastLine[i] = line;
            lastStart[i] = start;
            lastMatch[i] = match;
          }
        }
        if (!match) continue;
        // As JavaScriptScanner: a match right at the start wins at once, else the leftmost, the first pattern on a tie.
        if (match.index === start) return toMatch(i, match);
        if (best === -1 || match.index < bestMatch!.index) {
          best = i;
          bestMatch = match;
        }
      }
      return best === -1 ? null : toMatch(best, bestMatch!);
    },
    dispose: () => scanner.dispose?.(),
  };
}
