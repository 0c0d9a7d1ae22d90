// Stage 3d: which Python each example runs on (its block's `python=`, else its post's `python:`), and what each interpreter must hold.
import type { Post } from '../content/post.ts';
import { languageOf } from './catalogue.ts';
import type { Example } from './extract.ts';

/** One post's use of one interpreter: its requirements go into that interpreter's environment. */
export interface PythonNeed {
  /** The post (`content/x.md`). */
  source: string;
  requirements: string[];
  /** Version prefix (`2.7`); undefined: the default interpreter (.venv or PROOFPRESS_PYTHON). */
  python?: string;
}

/**
 * The post's `python:` as the choice of each of its blocks that names none. Blocks of another language
 * (a Node.js server, a Go program) do not run on Python, so the post's choice leaves them alone: a Python
 * 2.7 post's JavaScript example does not wait for Python 2.7 to be installed.
 */
export function applyPostPython(post: Pick<Post, 'python'>, examples: Example[]): Example[] {
  if (post.python === undefined) return examples;
  return examples.map((example) => {
    const language = languageOf(example.spec.lang);
    if (example.spec.python !== undefined || (language !== undefined && language !== 'python')) return example;
    return { ...example, spec: { ...example.spec, python: post.python } };
  });
}

/** Each (post, interpreter) pair that some example of the post runs on, with the post's requirements. */
export function pythonNeeds(posts: Pick<Post, 'source' | 'requirements'>[], examples: Example[]): PythonNeed[] {
  const requirementsOf = new Map(posts.map((post) => [post.source, post.requirements]));
  const needs = new Map<string, PythonNeed>();
  for (const example of examples) {
    if (example.spec.run === 'none') continue;
    const key = `${example.source}\0${example.spec.python ?? ''}`;
    if (!needs.has(key)) needs.set(key, { source: example.source, requirements: requirementsOf.get(example.source) ?? [], python: example.spec.python });
  }
  return [...needs.values()];
}
