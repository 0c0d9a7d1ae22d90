// Resolves every piece of the theme contract: the blog's theme/ file, else the theme package's, else the built-in one,
// each override given the piece it replaces as `next` (Zola's load_tera order, mdBook's per-file Theme::new).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ThemeError } from '../errors.ts';
import { raw, type SafeHtml } from '../util/html.ts';
import { PIECE_EXTENSIONS, type PieceName, STYLESHEET_FILE, type Theme, THEME_PIECES } from './contract.ts';
import { loadDefaultTheme } from './default/index.ts';
import { findThemeFolders, type ThemeFolder } from './theme-folders.ts';
import { ensureTypeScriptLoader } from '../util/typescript-loader.ts';

/** The pieces a build renders with, and the CSS the owner adds after the theme's stylesheet. */
export interface LoadedTheme {
  theme: Theme;
  /** The theme folders' other `*.css` files (package first, then the blog's), then the config's `css`, concatenated. */
  extraCss: string;
}

/** What the loader needs from the config. */
export interface ThemeOptions {
  root: string;
  /** The config's `theme`: a package name or a folder. */
  theme?: string;
  /** The config's `css`, absolute. */
  css: readonly string[];
}

/** Load the theme of the project at `root`: built-in pieces overridden by the package's, then by the blog's theme/. */
export async function loadTheme(options: ThemeOptions): Promise<LoadedTheme> {
  let theme = await loadDefaultTheme();
  const extra: string[] = [];
  for (const folder of findThemeFolders(options.root, options.theme)) {
    const files = await readdir(folder.dir);
    theme = await overridePieces(theme, folder, files, options.root);
    if (files.includes(STYLESHEET_FILE)) theme = { ...theme, stylesheet: await readFile(path.join(folder.dir, STYLESHEET_FILE), 'utf8') };
    for (const name of files.filter((file) => file.endsWith('.css') && file !== STYLESHEET_FILE).sort()) {
      extra.push(cssSection(path.join(folder.dir, name), options.root, await readFile(path.join(folder.dir, name), 'utf8')));
    }
  }
  for (const file of options.css) extra.push(cssSection(file, options.root, await readCss(file, options.root)));
  return { theme, extraCss: extra.join('\n') };
}

async function overridePieces(base: Theme, folder: ThemeFolder, files: string[], root: string): Promise<Theme> {
  const theme = { ...base };
  const byFile = new Map<string, PieceName>(Object.entries(THEME_PIECES).map(([piece, file]) => [file, piece as PieceName]));
  for (const file of files) {
    const ext = PIECE_EXTENSIONS.find((candidate) => file.endsWith(candidate));
    if (!ext || file.endsWith('.d.ts')) continue;
    const piece = byFile.get(file.slice(0, -ext.length));
    if (piece === undefined) {
      if (folder.strict) throw unknownPieceError(path.relative(root, path.join(folder.dir, file)));
      continue;
    }
    // Each piece from one file only: `layout.ts` beside `layout.js` is a mistake, not a choice.
    const twins = PIECE_EXTENSIONS.filter((other) => other !== ext && files.includes(`${THEME_PIECES[piece]}${other}`));
    if (twins.length && PIECE_EXTENSIONS.indexOf(ext) > PIECE_EXTENSIONS.indexOf(twins[0]!)) continue;
    const location = path.relative(root, path.join(folder.dir, file));
    const override = await importPiece(path.join(folder.dir, file), location, piece);
    // The cast is the contract's own: each piece maps its input to HTML; `next` is the piece this one replaces.
    (theme as Record<PieceName, (input: unknown) => SafeHtml>)[piece] = wrapPiece(override, base[piece] as (input: unknown) => SafeHtml, location, piece);
  }
  return theme;
}

type Override = (input: unknown, next: (input: unknown) => SafeHtml) => unknown;

async function importPiece(file: string, location: string, piece: PieceName): Promise<Override> {
  // Node caches the module for the life of the process (a query or hash in the URL does not help under tsx),
  // so `proofpress dev` sees an edited override only after a restart.
  const url = pathToFileURL(file).href;
  let module: Record<string, unknown>;
  try {
    await ensureTypeScriptLoader();
    module = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    // tsx loads a .ts file as CommonJS unless the nearest package.json says "type": "module"; importing proofpress
    // (an ES module) from CommonJS then fails with ERR_REQUIRE_CYCLE_MODULE or a "require() of ES Module" error.
    const asCommonJs = /require\(\)/.test((error as Error).message) || (error as { code?: string }).code === 'ERR_REQUIRE_CYCLE_MODULE';
    throw new ThemeError(`Cannot load theme piece ${location}: ${(error as Error).message}`, {
      file: location,
      cause: error,
      hint: asCommonJs
        ? `It was loaded as CommonJS: add "type": "module" to the project's package.json, or rename it to ${location.replace(/\.[cm]?[jt]s$/, '.mts')}.`
        : 'Fix the module so that it loads; the CLI runs it with tsx, so TypeScript is fine.',
    });
  }
  const exported = module.default ?? module[piece];
  if (typeof exported !== 'function') {
    throw new ThemeError(`Theme piece ${location} must export a function as \`default\` (or as \`${piece}\`), but exports ${describe(exported)}`, {
      file: location,
      hint: `Write \`export default function ${piece}(input, next) { return html\`…\`; }\`: the theme contract (src/theme/contract.ts, Theme.${piece}) says what input holds; next(input) renders the piece it replaces.`,
    });
  }
  return exported as Override;
}

// Turns the override's result into SafeHtml, whichever copy of proofpress made it (a theme package may bring its
// own), and names the file when the override fails or returns something else.
function wrapPiece(override: Override, next: (input: unknown) => SafeHtml, location: string, piece: PieceName): (input: unknown) => SafeHtml {
  return (input) => {
    let result: unknown;
    try {
      result = override(input, next);
    } catch (error) {
      if (error instanceof ThemeError) throw error;
      throw new ThemeError(`Theme piece ${location} failed: ${(error as Error).message}`, { file: location, cause: error, hint: `See Theme.${piece} in src/theme/contract.ts for what the piece receives.` });
    }
    if (typeof result === 'string') return raw(result);
    if (typeof result === 'object' && result !== null && typeof (result as { value?: unknown }).value === 'string') return raw((result as { value: string }).value);
    throw new ThemeError(`Theme piece ${location} returned ${describe(result)}, not HTML`, { file: location, hint: 'Return html`…` (from proofpress) or a string of HTML.' });
  };
}

function unknownPieceError(location: string): ThemeError {
  return new ThemeError(`${location} is not a piece of the theme contract`, {
    file: location,
    hint: `Name it after a piece (${Object.values(THEME_PIECES).join(', ')}) or add CSS as *.css; put helper modules in a subfolder of theme/.`,
  });
}

async function readCss(file: string, root: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new ThemeError(`Cannot read stylesheet ${path.relative(root, file)} named in \`css\``, { file: 'proofpress.config.json', cause: error, hint: 'Fix the path in `css`: it is relative to the project root.' });
  }
}

// Each added file keeps its name in a comment, so a reader of /assets/theme.css sees where a rule came from.
function cssSection(file: string, root: string, css: string): string {
  return `/* ${path.relative(root, file)} */\n${css.trimEnd()}\n`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  return typeof value === 'object' ? `an ${Array.isArray(value) ? 'array' : 'object'}` : `a ${typeof value}`;
}
