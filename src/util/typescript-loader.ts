// TypeScript a writer brings (a theme's .ts pieces, and the proofpress sources they import) needs tsx's loader.
// From a checkout the CLI already runs under it; the published package runs compiled JavaScript (dist/src/), which
// registers tsx only when such a module is first imported, so that a build without one starts without it.
let registered: Promise<void> | undefined;

/** Make `import()` of .ts files work in this process; does nothing when the engine itself runs from TypeScript. */
export function ensureTypeScriptLoader(): Promise<void> {
  if (!import.meta.url.endsWith('.js')) return Promise.resolve();
  registered ??= import('tsx/esm/api').then(({ register }) => {
    register();
  });
  return registered;
}
