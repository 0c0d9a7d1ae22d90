// Stage 3b: walk a parsed post's code tokens and turn each into an Example (code verbatim, spec, location).
import type Token from 'markdown-it/lib/token.mjs';
import { ExampleSpecError, ProofpressError } from '../errors.ts';
import { fileLineOf, type ParsedPost } from '../markdown/parse.ts';
import type { ResourceLimits } from '../config/schema.ts';
import { collectErrors } from '../util/collect-errors.ts';
import { blockInfo, checkAnnotationPlacement, isAnnotation } from './annotation.ts';
import { runKindInfo } from './catalogue.ts';
import { parseConsoleSession } from './console-session.ts';
import { type ExampleSpec, parseFenceInfo } from './fence-info.ts';
import { type HttpExchangeSpec, parseHttpExchanges } from './http-exchanges.ts';

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
  /** 1-based file line of the block's opening fence (or first indented line; an annotation above it is not counted). */
  line: number;
  /** The code exactly as shown to the reader (an indented block without the indentation all its lines share). */
  code: string;
  spec: ExampleSpec;
  /** Text of a following output block (```output, ```text, ```json): the expected output, also shown to readers. */
  expectedOutput?: string;
  /** That block's language: `json` output is compared as JSON. */
  outputLang?: string;
  /** A following ```http block: the requests made once the example serves, and the responses expected. */
  exchanges?: HttpExchangeSpec[];
  /** That block's text as written, shown to readers inside the example's figure. */
  exchangesText?: string;
  /** Earlier blocks of the same `session=`, in order: a program runs as their code followed by its own; a console replays their commands first. */
  preceding: { code: string; line: number }[];
  companions: CompanionFile[];
  /** e.g. `simpletest.py (run=http)`; used in progress lines and errors. */
  label: string;
  /** What the example's sandbox allows beyond the defaults: the post's `network` and its and the block's `limits`. */
  sandbox: { network: boolean; limits: Partial<ResourceLimits> };
}

/** Index into `tokens` of every example's code token and of the blocks it owns (output, exchanges), if any. */
export interface ExampleTokens {
  codeTokenIndex: number;
  outputTokenIndex?: number;
  exchangeTokenIndex?: number;
}

const OUTPUT_LANG = 'output';
/** Plain blocks that, right after an example that runs, are its expected output (as authors write it). */
const OUTPUT_LANGS: ReadonlySet<string> = new Set([OUTPUT_LANG, 'text', 'txt', 'plaintext', 'json']);
const HTTP_LANG = 'http';
const ownedLangs: ReadonlySet<string> = new Set([...OUTPUT_LANGS, HTTP_LANG]);

/** How an example is named to people: its file, else its language and position (`console block 1`). */
export function exampleName(spec: ExampleSpec, index: number): string {
  return spec.file ?? `${spec.lang ? `${spec.lang} ` : ''}block ${index}`;
}

/**
 * Extract every code block of `parsed` as an Example; ```output blocks attach to the block before them.
 * Every block is judged: one error is thrown as it is, several as one InvalidPostsError carrying each.
 */
export function extractExamples(parsed: ParsedPost): { examples: Example[]; tokens: ExampleTokens[] } {
  const { post, tokens } = parsed;
  const examples: Example[] = [];
  const positions: ExampleTokens[] = [];
  const errors = collectErrors();
  errors.add(...(parsed.markdownErrors ?? [])); // found while parsing, reported with the blocks' errors
  // The output or ```http block right after a rejected example belongs to it: judged alone, it would only
  // add a second, misleading error ("must directly follow an example").
  let rejected = -2;
  tokens.forEach((token, index) => {
    if (index === rejected + 1 && token.type === 'fence' && ownedLangs.has(token.info.trim().split(/\s+/)[0]!.toLowerCase())) {
      rejected = index;
      return;
    }
    try {
      readBlock(token, index);
    } catch (error) {
      if (!(error instanceof ProofpressError)) throw error;
      errors.add(error);
      rejected = index;
    }
  });
  const withCompanions = errors.each(examples, (example) => resolveCompanions(example, examples));
  const grown = errors.each([withCompanions], growSessions)[0] ?? [];
  errors.each(grown, requireSomethingToCheck);
  errors.throwIfAny();
  return { examples: grown, tokens: positions };

  function readBlock(token: Token, index: number): void {
    if (isAnnotation(token)) return checkAnnotationPlacement(tokens, index, { file: post.source, line: fileLineOf(parsed, token) });
    if (token.type !== 'fence' && token.type !== 'code_block') return;
    const line = fileLineOf(parsed, token);
    const where = { file: post.source, line };
    // An `<!-- example … -->` before the block gives it its attributes; errors in them point at the annotation.
    const annotation = isAnnotation(tokens[index - 1]) ? tokens[index - 1] : undefined;
    const specWhere = annotation ? { file: post.source, line: fileLineOf(parsed, annotation) } : where;
    const spec = parseFenceInfo(blockInfo({ token, annotation, where: specWhere }), specWhere);
    if (!spec.annotated && attachToPrevious({ examples, positions, token, index, where, lang: spec.lang.toLowerCase() })) return;
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
      preceding: [],
      label: `${exampleName(spec, examples.length + 1)} (run=${spec.run})`,
      sandbox: { network: post.network, limits: { ...post.limits, ...spec.limits } },
    });
    positions.push({ codeTokenIndex: index });
  }
}

/**
 * An example that runs must say what it should do, or "verified" would mean only "did not crash": a
 * program needs `expect=`, an output block or `exit=`; a console session, some output, an exit status
 * `[N]`, a server check (`expect=`, an ```http block). HTTP kinds always check a status.
 */
function requireSomethingToCheck(example: Example): void {
  const { spec } = example;
  const fail = (message: string, hint: string): never => {
    throw new ExampleSpecError(message, { file: example.source, line: example.line, example: example.label, hint });
  };
  if (spec.run === 'console') {
    const commands = parseConsoleSession(example.code, { file: example.source, line: example.line });
    const checks = commands.some((command) => command.showsOutput || command.showsExit) || example.exchanges !== undefined || spec.expect !== undefined;
    if (!checks) fail('Nothing to verify: this console session shows no output, no exit status and no request to check', 'Show what a command prints under it, add `expect="TEXT"` (requested from the server the session starts), an ```http block after it, or use run=none.');
  }
  if (spec.run === 'script' && spec.expect === undefined && example.expectedOutput === undefined && spec.exitCode === undefined) {
    fail('Nothing to verify: this run=script example has no expect=, no output block and no exit=', 'Add `expect="TEXT"` (stdout must contain it), an ```output block after it, or `exit=N` (`exit=0` when exiting without an error is all it must do); or use run=none.');
  }
}

/**
 * Attach a plain block to the example right before it, if it is one of the blocks an example owns:
 * its expected output (```output, ```text, ```json) or its HTTP exchanges (```http). Returns false
 * when the block stands on its own. Block tokens of a post are siblings, so "right before" means the
 * previous token (nothing, not even a paragraph, between them); an ```http block may also follow the
 * example's output block.
 */
function attachToPrevious(args: {
  examples: Example[];
  positions: ExampleTokens[];
  token: Token;
  index: number;
  where: { file: string; line: number };
  lang: string;
}): boolean {
  const { token, index, where, lang } = args;
  const previous = args.examples.at(-1);
  const position = args.positions.at(-1);
  const owned = position ? Math.max(position.codeTokenIndex, position.outputTokenIndex ?? -1) : -1;
  const adjacent = position !== undefined && index === owned + 1;
  const runs = previous !== undefined && previous.spec.run !== 'none';
  if (lang === HTTP_LANG) {
    if (!adjacent || !runs || !runKindInfo(previous.spec.run).http) return false;
    const clash = (['expect', 'status', 'path'] as const).find((key) => key === 'expect' ? previous.spec.expect !== undefined : key === 'status' ? previous.spec.status !== 200 : previous.spec.path !== '/');
    if (clash || previous.expectedOutput !== undefined) {
      throw new ExampleSpecError(`Example ${previous.label} has an \`\`\`http block and ${clash ? `\`${clash}=\`` : 'an output block'}: the block's responses are what is checked`, {
        ...where,
        example: previous.label,
        hint: 'Write the expected status and body in the ```http block\'s response, and remove the other.',
      });
    }
    previous.exchanges = parseHttpExchanges(token.content, where);
    previous.exchangesText = token.content;
    position!.exchangeTokenIndex = index;
    return true;
  }
  if (!OUTPUT_LANGS.has(lang)) return false;
  const takesOutput = runs && adjacent && position!.outputTokenIndex === undefined && !['console', 'doctest'].includes(previous.spec.run);
  if (!takesOutput) {
    if (lang !== OUTPUT_LANG) return false; // a ```text block of its own
    const already = adjacent && position!.outputTokenIndex !== undefined;
    throw new ExampleSpecError(already ? `Example ${previous!.label} already has an output block` : 'An ```output block must directly follow an example that runs', {
      ...where,
      hint: already ? 'Keep one.' : 'Put it right after a program example (run=script, or a server: run=http|wsgi|fastcgi|scgi|cgi), or use ```text for plain text.',
    });
  }
  previous.expectedOutput = token.content;
  previous.outputLang = lang;
  position!.outputTokenIndex = index;
  return true;
}

/** Each block of a `session=` gets the blocks of that session before it (same post, in order). */
function growSessions(examples: Example[]): Example[] {
  const sessions = new Map<string, { code: string; line: number }[]>();
  return examples.map((example) => {
    const name = example.spec.session;
    if (name === undefined) return example;
    const before = sessions.get(name) ?? [];
    const first = examples.find((other) => other.spec.session === name)!;
    if ((first.spec.run === 'console') !== (example.spec.run === 'console')) {
      throw new ExampleSpecError(`\`session=${name}\` mixes console sessions and programs`, {
        file: example.source,
        line: example.line,
        example: example.label,
        hint: `A session is one growing program or one terminal; give this block another session name (the session began at line ${first.line}).`,
      });
    }
    sessions.set(name, [...before, { code: example.code, line: example.line }]);
    // A later block of a program session is the same file, grown: it keeps the name the session gave it.
    const file = example.spec.file ?? (example.spec.run === 'console' ? undefined : first.spec.file);
    if (file === example.spec.file) return { ...example, preceding: before };
    return { ...example, preceding: before, spec: { ...example.spec, file }, label: `${file} (run=${example.spec.run})` };
  });
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
