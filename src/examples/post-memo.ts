// The memo `proofpress dev` keeps for the server's life: a rebuild reads every post file again, but turns into a Post,
// parses and extracts the examples of only those whose text changed (or that are new); the others keep their objects.
import { createSourceMemo, type SourceMemo } from '../content/source-memo.ts';
import { createParseMemo, type ParseMemo } from '../markdown/parse-memo.ts';
import type { ParsedPost } from '../markdown/parse.ts';
import type { Counted, MemoCounts } from '../util/memo-counts.ts';
import { type Example, type ExampleTokens, extractExamples } from './extract.ts';

/**
 * Stages 1–3 of the last build, each kept by the object it was made from: a file's path and exact text give its
 * SourceFile, which gives its Post, which (with the markdown options) gives its ParsedPost, which gives its examples.
 * Nothing is kept by modification time, and errors are never kept: an invalid post is judged again in every build.
 */
export interface PostMemo {
  sources: SourceMemo;
  parses: ParseMemo;
  examples: ExampleMemo;
}

/** The examples of the last build's parses. */
export interface ExampleMemo extends Counted {
  /** extractExamples(parsed), computed once per ParsedPost object. */
  extract(parsed: ParsedPost): { examples: Example[]; tokens: ExampleTokens[] };
  counts(): MemoCounts;
}

/** An empty memo. */
export function createPostMemo(): PostMemo {
  return { sources: createSourceMemo(), parses: createParseMemo(), examples: createExampleMemo() };
}

function createExampleMemo(): ExampleMemo {
  // Examples are read only from code tokens, which nothing changes after parsing (unlike links and images).
  const kept = new WeakMap<ParsedPost, ReturnType<ExampleMemo['extract']>>();
  const counts: MemoCounts = { made: 0, reused: 0 };
  return {
    extract(parsed) {
      const hit = kept.get(parsed);
      if (hit) {
        counts.reused++;
        return hit;
      }
      counts.made++;
      const extracted = extractExamples(parsed); // a throw is not kept: the post's errors are reported again next time
      kept.set(parsed, extracted);
      return extracted;
    },
    counts: () => ({ ...counts }),
  };
}
