// Stage 6: one line a list of posts shows under each post: how many of its examples were verified.
import type { VerifiedPost } from './article.ts';
import { isShownOnly } from './example-kind.ts';

const WORDS = { passed: 'verified', failed: 'failed', skipped: 'not run' } as const;

/**
 * `3 examples verified`, `2 examples verified, 1 failed`, `1 example verified, 1 not run`; undefined when the
 * post has nothing that runs. Blocks the author only shows are not examples to a reader, so they are not counted.
 */
export function summarizeVerification(verified: Pick<VerifiedPost, 'examples' | 'verifications'>): string | undefined {
  const runnable = verified.verifications.filter((verification, i) => !isShownOnly(verified.examples[i]!.spec, verification));
  if (runnable.length === 0) return undefined;
  const counts = (['passed', 'failed', 'skipped'] as const)
    .map((status) => ({ n: runnable.filter((verification) => verification.status === status).length, words: WORDS[status] }))
    .filter(({ n }) => n > 0);
  // The first count names the noun: `1 example failed`, `3 examples verified, 1 failed`.
  const parts = counts.map(({ n, words }, i) => (i === 0 ? `${n} ${n === 1 ? 'example' : 'examples'} ${words}` : `${n} ${words}`));
  return parts.join(', ');
}
