// Stage 3b: walk a parsed post's code tokens and turn each into an Example (code verbatim, spec, location).
import type Token from 'markdown-it/lib/token.mjs';
import { ExampleSpecError } from '../errors.ts';
import { fileLineOf, type ParsedPost } from '../markdown/parse.ts';
import type { ResourceLimits } from '../config/schema.ts';
import { type ExampleSpec, parseFenceInfo } from './fence-info.ts';

/** A file placed beside an example when it runs (from `with=`), byte for byte as shown. */
export interface CompanionFile {
  name: string;
  code: string;
  line: number;
}

/** One code block of a post, with everything needed to run and render it. */
export interface Example {
  /** Stable id `<slug>/NN-<name>`, also the snippet path. */
  id: string;
  /** 1-based position among the post's code blocks. */
  index: number;
  /** Source file of the post (`content/x.md`) and its slug. */
  source: string;
  slug: string;
  /** 1-based file line of the block's opening fence (or first indented line). */
  line: number;
  /** The code exactly as shown to the reader. */
  code: string;
  spec: ExampleSpec;
  /** Text of a following ```output block: the exact expected output, also shown to readers. */
  expectedOutput?: string;
  companions: CompanionFile[];
  /** e.g. `simpletest.py (run=http)`; used in progress lines and errors. */
  label: string;
  /** What the example's sandbox allows beyond the defaults: the post's `network` and its and the block's `limits`. */
  sandbox: { network: boolean; limits: Partial<ResourceLimits> };
}

/** Index into `tokens` of every example's code token and of the output block it owns, if any. */
export interface ExampleTokens {
  codeTokenIndex: number;
  outputTokenIndex?: number;
}

const OUTPUT_LANG = 'output';

/** How an example is named to people: its file, else its language and position (`console block 1`). */
export function exampleName(spec: ExampleSpec, index: number): string {
  return spec.file ?? `${spec.lang ? `${spec.lang} ` : ''}block ${index}`;
}

/** Extract every code block of `parsed` as an Example; ```output blocks attach to the block before them. */
export function extractExamples(parsed: ParsedPost): { examples: Example[]; tokens: ExampleTokens[] } {
  const { post, tokens } = parsed;
  const examples: Example[] = [];
  const positions: ExampleTokens[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== 'fence' && token.type !== 'code_block') return;
    const line = fileLineOf(parsed, token);
    const where = { file: post.source, line };
    const spec = parseFenceInfo(token.type === 'fence' ? token.info : '', where);
    if (spec.lang === OUTPUT_LANG && !spec.annotated) {
      attachOutput({ examples, positions, token, index, where });
      return;
    }
    const name = spec.file ?? (spec.lang ? `block.${spec.lang}` : 'block');
    const number = String(examples.length + 1).padStart(2, '0');
    examples.push({
      id: `${post.slug}/${number}-${name.replace(/[^A-Za-z0-9_-]+/g, '-')}`,
      index: examples.length + 1,
      source: post.source,
      slug: post.slug,
      line,
      code: token.content,
      spec,
      companions: [],
      label: `${exampleName(spec, examples.length + 1)} (run=${spec.run})`,
      sandbox: { network: post.network, limits: { ...post.limits, ...spec.limits } },
    });
    positions.push({ codeTokenIndex: index });
  });
  return { examples: examples.map((example) => resolveCompanions(example, examples)), tokens: positions };
}

function attachOutput(args: {
  examples: Example[];
  positions: ExampleTokens[];
  token: Token;
  index: number;
  where: { file: string; line: number };
}): void {
  const previous = args.examples.at(-1);
  const position = args.positions.at(-1);
  const adjacent = position !== undefined && isOnlyWhitespaceBetween(position.codeTokenIndex, args.index);
  if (!previous || !position || !adjacent || previous.spec.run === 'none') {
    throw new ExampleSpecError('An ```output block must directly follow an example that runs', {
      ...args.where,
      hint: 'Put it right after a block with run=http|wsgi|script|fastcgi, or use ```text for plain text.',
    });
  }
  if (position.outputTokenIndex !== undefined) {
    throw new ExampleSpecError(`Example ${previous.label} already has an output block`, { ...args.where, hint: 'Keep one.' });
  }
  previous.expectedOutput = args.token.content;
  position.outputTokenIndex = args.index;
}

// Block tokens of a post are siblings, so an output block "directly follows" when it is the next token.
function isOnlyWhitespaceBetween(codeIndex: number, outputIndex: number): boolean {
  return outputIndex === codeIndex + 1;
}

/**
 * `with=NAME` names another block of the same post. When several blocks share the name (the seed has
 * three simpletest.py), the nearest one before this block wins, else the first one after it.
 */
function resolveCompanions(example: Example, all: Example[]): Example {
  const companions = example.spec.with.map((name) => {
    const candidates = all.filter((other) => other !== example && other.spec.file === name);
    const before = candidates.filter((other) => other.index < example.index).at(-1);
    const chosen = before ?? candidates[0];
    if (!chosen) {
      throw new ExampleSpecError(`\`with=${name}\`: no block of this post has file=${name}`, {
        file: example.source,
        line: example.line,
        example: example.label,
        hint: `Add a block with file=${name} (mark it \`support\` to show it collapsed), or fix the name.`,
      });
    }
    return { name, code: chosen.code, line: chosen.line };
  });
  return { ...example, companions };
}
