// Stage 3a: the info string of a code block given by an `<!-- example … -->` annotation, with its language filled in.
import type Token from 'markdown-it/lib/token.mjs';
import { ExampleSpecError } from '../errors.ts';
import { ANNOTATION_TOKEN, type AnnotationMeta } from '../markdown/plugins/example-annotations.ts';
import { type SpecLocation, tokenizeInfo } from './fence-info.ts';

/** Fence words for a file's extension, so `file=simpletest.py` is a Python block without saying so twice. */
const BY_EXTENSION: Readonly<Record<string, string>> = { py: 'python', js: 'js', mjs: 'js', cjs: 'js', sh: 'sh', bash: 'bash', go: 'go', pl: 'perl' };
/** Interpreters a `#!` line may name (`#!/usr/bin/env python` in the seed's server.fcgi), and their fence words. */
const BY_SHEBANG = /^#!.*?\b(python[\d.]*|node|bash|sh|perl)\b/;
/** Run kinds that take one kind of block only: the language is the kind's. */
const BY_RUN_KIND: Readonly<Record<string, string>> = { console: 'console', doctest: 'pycon' };

/** Whether `token` is an annotation. */
export function isAnnotation(token: Token | undefined): boolean {
  return token?.type === ANNOTATION_TOKEN;
}

/**
 * An annotation must stand directly before a code block (blank lines aside): anything else between would
 * make it annotate nothing, silently. A malformed one (`-->` missing) is reported here, where the file is known.
 */
export function checkAnnotationPlacement(tokens: readonly Token[], index: number, where: SpecLocation): void {
  const problem = (tokens[index]!.meta as AnnotationMeta | null)?.problem;
  if (problem) throw new ExampleSpecError(problem, { ...where, hint: 'Write it on its own lines: <!-- example file=app.py run=http expect="Hello" -->.' });
  const next = tokens[index + 1];
  if (next?.type === 'fence' || next?.type === 'code_block') return;
  throw new ExampleSpecError('An `<!-- example … -->` annotation must come directly before a code block', {
    ...where,
    hint: 'Move it right above the indented or fenced block it describes (blank lines may separate them, nothing else), or remove it.',
  });
}

/**
 * The info string a code token is read with. A fence's own, unless an annotation precedes it: then the
 * annotation's attributes, after the fence's language or, for an indented block, a language worked out from
 * the run kind, the file name or the code's `#!` line. A fence that already has attributes cannot be annotated.
 */
export function blockInfo(args: { token: Token; annotation?: Token; where: SpecLocation }): string {
  const { token, annotation, where } = args;
  const fenceInfo = token.type === 'fence' ? token.info.trim() : '';
  if (!annotation) return fenceInfo;
  const words = tokenizeInfo(annotation.info, where);
  const given = words[0] !== undefined && !words[0].includes('=') && words[0] !== 'support' ? words[0] : undefined;
  const fenceWords = tokenizeInfo(fenceInfo, where);
  if (fenceWords.length > 1) {
    throw new ExampleSpecError('This fenced block has attributes of its own and an `<!-- example … -->` annotation', {
      ...where,
      hint: 'Keep one: write the attributes after the fence\'s language, or remove them from it and keep the annotation.',
    });
  }
  const fenceLang = fenceWords[0];
  if (fenceLang !== undefined && given !== undefined && fenceLang.toLowerCase() !== given.toLowerCase()) {
    throw new ExampleSpecError(`The annotation says \`${given}\` but the fence says \`${fenceLang}\``, { ...where, hint: 'Name the language once, in the fence.' });
  }
  if (given !== undefined) return annotation.info;
  const lang = fenceLang ?? inferLanguage(words, token.content);
  if (lang === undefined && words.some((word) => word.startsWith('run=') && word !== 'run=none')) {
    throw new ExampleSpecError('Cannot tell the language of this annotated block', {
      ...where,
      hint: 'Give it as the annotation\'s first word: <!-- example python file=app.py run=http … -->.',
    });
  }
  return lang === undefined ? annotation.info : `${lang} ${annotation.info}`;
}

function inferLanguage(words: readonly string[], code: string): string | undefined {
  const value = (key: string) => words.find((word) => word.startsWith(`${key}=`))?.slice(key.length + 1).replace(/^["']|["']$/g, '');
  const byKind = BY_RUN_KIND[value('run') ?? ''];
  if (byKind) return byKind;
  const extension = /\.([A-Za-z0-9]+)$/.exec(value('file') ?? '')?.[1]?.toLowerCase();
  if (extension && BY_EXTENSION[extension]) return BY_EXTENSION[extension];
  const interpreter = BY_SHEBANG.exec(code.split('\n', 1)[0] ?? '')?.[1];
  if (interpreter === undefined) return undefined;
  return interpreter.startsWith('python') ? 'python' : interpreter === 'node' ? 'js' : interpreter;
}
