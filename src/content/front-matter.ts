// Stage 1b: split a post into front matter and body with gray-matter, locked down against code execution.
import matter from 'gray-matter';
import { FrontMatterError } from '../errors.ts';
import type { SourceFile } from './load.ts';
import { yamlHint } from './yaml-hint.ts';

/** Front matter data, the Markdown body, and how many file lines precede the body. */
export interface SplitPost {
  data: Record<string, unknown>;
  body: string;
  /** Number of lines before the body starts; body line N is file line N + bodyOffset. */
  bodyOffset: number;
}

function refuseEngine(language: string, file: string) {
  return () => {
    throw new FrontMatterError(`Front matter in \`---${language}\` is not allowed: it would run code from content`, {
      file,
      line: 1,
      hint: 'Write the front matter as YAML between `---` lines.',
    });
  };
}

/** Parse the front matter of `source`. gray-matter always gets an options object: without one it caches by content forever. */
export function splitFrontMatter(source: SourceFile): SplitPost {
  const text = source.text.replace(/\r\n?/g, '\n');
  const opening = /^---([^\n]*)\n/.exec(text);
  const language = opening?.[1]?.trim() ?? '';
  if (language === 'js' || language === 'javascript') refuseEngine(language, source.path)();
  if (language !== '' && language !== 'yaml') {
    // gray-matter would reject other languages with a bare "engine not registered" message.
    throw new FrontMatterError(`Front matter in \`---${language}\` is not supported`, {
      file: source.path,
      line: 1,
      hint: 'Write the front matter as YAML between `---` lines.',
    });
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, {
      engines: { js: refuseEngine('js', source.path), javascript: refuseEngine('javascript', source.path) },
    });
  } catch (error) {
    if (error instanceof FrontMatterError) throw error;
    const yamlError = error as { mark?: { line?: number; column?: number }; reason?: string; message: string };
    const reason = yamlError.reason ?? yamlError.message;
    // js-yaml reads the block from the newline after the opening `---`, so its 0-based line + 1 is the file line.
    const line = yamlError.mark?.line === undefined ? 1 : yamlError.mark.line + 1;
    const found = yamlHint(reason, line, text.split('\n'));
    const column = found.column ?? (found.line === line && yamlError.mark?.column !== undefined ? yamlError.mark.column + 1 : undefined);
    throw new FrontMatterError(`Cannot read the front matter: ${reason}`, { file: source.path, line: found.line, column, hint: found.hint });
  }
  const bodyStart = text.length - parsed.content.length;
  return {
    data: { ...(parsed.data as Record<string, unknown>) },
    body: parsed.content,
    bodyOffset: text.slice(0, bodyStart).split('\n').length - 1,
  };
}
