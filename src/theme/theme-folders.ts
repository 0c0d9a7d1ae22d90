// Where a site's theme pieces come from, in lookup order: the blog's theme/ folder, then a theme package, then the built-in theme.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../config/resolve.ts';
import { ThemeError } from '../errors.ts';

/** The blog's own folder of overrides, beside its content. */
export const BLOG_THEME_DIR = 'theme';

/** A folder of theme files and how to name it in messages. */
export interface ThemeFolder {
  dir: string;
  /** `theme/` or `theme package proofpress-theme-x`. */
  label: string;
  /** The blog's own folder: every top-level script in it must be a piece (a misspelt name would be ignored). */
  strict: boolean;
}

/** The folders that may override built-in pieces, lowest priority first (package, then the blog's theme/). */
export function findThemeFolders(root: string, theme: string | undefined): ThemeFolder[] {
  const folders: ThemeFolder[] = [];
  if (theme !== undefined) folders.push({ dir: findThemePackage(root, theme), label: `theme ${theme}`, strict: false });
  const own = path.join(root, BLOG_THEME_DIR);
  if (isDirectory(own)) folders.push({ dir: own, label: `${BLOG_THEME_DIR}/`, strict: true });
  return folders;
}

// A path (`./themes/mine`, `/abs`) is a folder; anything else is a package installed where Node would find it
// from the project (node_modules of the root or a parent). Its files sit at the package's root.
function findThemePackage(root: string, theme: string): string {
  if (theme.startsWith('.') || path.isAbsolute(theme)) {
    const dir = path.resolve(root, theme);
    if (isDirectory(dir)) return dir;
    throw new ThemeError(`Theme folder ${theme} does not exist (resolved to ${dir})`, { file: CONFIG_FILE, hint: 'Fix `theme` in the config: a path relative to the project root, or an npm package name.' });
  }
  for (let dir = root; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', theme);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new ThemeError(`Theme package ${theme} is not installed`, { file: CONFIG_FILE, hint: `Run \`npm install ${theme}\` in the project, or set \`theme\` to a folder path such as "./my-theme".` });
}

function isDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}
