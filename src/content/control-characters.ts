// Stage 1d: front-matter text may not hold control characters: XML feeds cannot carry them (a NUL in a title broke atom.xml).

// C0 controls but tab, newline and carriage return; DEL; C1 controls. XML 1.0 forbids the C0 ones outright.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** The first control character in any string of `value` (a front-matter field's value, lists and maps included), as `U+0000`. */
export function findControlCharacter(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const found = CONTROL.exec(value)?.[0];
    return found === undefined ? undefined : `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  }
  if (Array.isArray(value)) return firstOf(value);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return firstOf([...Object.keys(value), ...Object.values(value)]);
  return undefined;
}

function firstOf(values: unknown[]): string | undefined {
  for (const value of values) {
    const found = findControlCharacter(value);
    if (found) return found;
  }
  return undefined;
}
