// Stage 3c: pair the examples of a variant file (`variant_of: SLUG`, e.g. a Python 3 port) with those of its post, in order.
// Pairing happens before anything runs, so a variant that has drifted from its post fails the build at once, located.
import { ExampleSpecError, FrontMatterError } from '../errors.ts';
import { fileLineOf, type ParsedPost } from '../markdown/parse.ts';
import { ANNOTATION_TOKEN } from '../markdown/plugins/example-annotations.ts';
import type { Example } from './extract.ts';

/** One block of a post and its counterpart in a variant, as indexes into their example lists. */
export interface VariantPair {
  /** Index into the post's examples. */
  original: number;
  /** Index into the variant's examples. */
  variant: number;
  /** Indexes into the variant's examples of its support blocks that this block runs with (`with=`), shown with it. */
  support: number[];
}

/** A variant file and the post it is a version of, as indexes into the build's list of extracted posts. */
export interface VariantPlan {
  post: number;
  variant: number;
  pairs: VariantPair[];
}

/** What pairing needs of each extracted post. */
export interface ExtractedPost {
  parsed: ParsedPost;
  examples: Example[];
}

/** A post with the variants shown beside it. */
export type WithVariants<G> = G & { variants: { post: G; pairs: VariantPair[] }[] };

// A variant's page is its post's: only its code is shown, so prose in it would be silently lost.
const VARIANT_BLOCKS: ReadonlySet<string> = new Set(['heading_open', 'heading_close', 'fence', 'code_block', 'hr', ANNOTATION_TOKEN]);

/**
 * Pair every variant with its post. Blocks pair in order, support blocks aside; a variant's support block is
 * shown with the block that runs with it. Throws a located error for an unknown post, prose in a variant, a block
 * count that differs, or a support block nothing uses.
 */
export function pairVariants(posts: readonly ExtractedPost[]): VariantPlan[] {
  const plans: VariantPlan[] = [];
  posts.forEach(({ parsed, examples }, variantIndex) => {
    const slug = parsed.post.variantOf;
    if (slug === undefined) return;
    const postIndex = posts.findIndex((other) => other.parsed.post.slug === slug && other.parsed.post.variantOf === undefined);
    if (postIndex === -1) {
      throw new FrontMatterError(`Front matter field \`variant_of\`: no post has the slug \`${slug}\``, {
        file: parsed.post.source,
        line: 1,
        hint: `Write the slug of the post this file is a version of (${posts.filter((other) => other.parsed.post.variantOf === undefined).map((other) => other.parsed.post.slug).join(', ') || 'there is none'}).`,
      });
    }
    requireOnlyCode(parsed);
    plans.push({ post: postIndex, variant: variantIndex, pairs: pairExamples(posts[postIndex]!.examples, examples, parsed.post.source) });
  });
  return plans;
}

/** The posts that get a page, each with its variants; variant files themselves are left out. */
export function attachVariants<G>(groups: readonly G[], plans: readonly VariantPlan[]): WithVariants<G>[] {
  const variantIndexes = new Set(plans.map((plan) => plan.variant));
  return groups.flatMap((group, index) =>
    variantIndexes.has(index) ? [] : [{ ...group, variants: plans.filter((plan) => plan.post === index).map((plan) => ({ post: groups[plan.variant]!, pairs: plan.pairs })) }],
  );
}

function requireOnlyCode(parsed: ParsedPost): void {
  const prose = parsed.tokens.find((token) => token.level === 0 && !VARIANT_BLOCKS.has(token.type));
  if (!prose) return;
  throw new ExampleSpecError('A variant file shows only its code blocks, beside its post\'s: this text would not be published', {
    file: parsed.post.source,
    line: fileLineOf(parsed, prose),
    hint: 'Put what readers should know in `editor_note` (shown at the top of the post); headings may stay, to find your way in the file.',
  });
}

function pairExamples(originals: readonly Example[], variants: readonly Example[], source: string): VariantPair[] {
  const shown = (list: readonly Example[]) => list.map((example, index) => ({ example, index })).filter(({ example }) => !example.spec.support);
  const left = shown(originals);
  const right = shown(variants);
  if (left.length !== right.length) {
    const extra = right[left.length];
    throw new ExampleSpecError(`The variant has ${right.length} code blocks (support blocks aside) and its post ${left.length}: they pair in order`, {
      file: source,
      line: extra?.example.line ?? variants.at(-1)?.line ?? 1,
      hint: `Give the variant one block per block of ${originals[0]?.source ?? 'the post'}, in the same order; blocks only the variant needs are \`support\` blocks.`,
    });
  }
  const pairs = left.map((original, i) => ({ original: original.index, variant: right[i]!.index, support: [] as number[] }));
  variants.forEach((support, index) => {
    if (!support.spec.support) return;
    const user = pairs.find((pair) => variants[pair.variant]!.companions.some((companion) => companion.line === support.line));
    if (!user) {
      throw new ExampleSpecError(`Support block ${support.label} is used by no block of the variant`, {
        file: source,
        line: support.line,
        hint: 'A variant\'s support block is shown with the block that runs with it: add `with=' + (support.spec.file ?? 'NAME') + '` to that block, or remove this one.',
      });
    }
    user.support.push(index);
  });
  return pairs;
}
