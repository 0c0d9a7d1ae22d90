// Fills the files under templates/ (`{{name}}` placeholders) for `init` and `new`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ENGINE_ROOT } from './engine.ts';

/** The templates shipped with proofpress (package.json "files"). */
export const TEMPLATES_DIR = path.join(ENGINE_ROOT, 'templates');

/** The values a template may use. */
export interface TemplateValues {
  /** As written, for Markdown headings. */
  title: string;
  /** As a JSON string, which is also a YAML double-quoted scalar: safe in the config and in front matter. */
  titleJson: string;
  /** A front-matter date: now, in UTC, to the second. */
  date: string;
}

/** The values of a post or a blog titled `title`, dated `now`. */
export function templateValues(title: string, now: Date): TemplateValues {
  return { title, titleJson: JSON.stringify(title), date: now.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

/** The text of `templates/<name>` with its placeholders filled. An unknown placeholder is a bug in the template. */
export async function fillTemplate(name: string, values: TemplateValues): Promise<string> {
  const text = await readFile(path.join(TEMPLATES_DIR, name), 'utf8');
  return text.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => {
    if (!Object.hasOwn(values, key)) throw new Error(`templates/${name} uses an unknown placeholder {{${key}}}`);
    return values[key as keyof TemplateValues];
  });
}
