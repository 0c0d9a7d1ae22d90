// Stage 6: JSON files of the site (feed.json, verification.json), with markup characters escaped as \u003c and friends.

/**
 * Pretty JSON in which `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026`. The parsed values
 * are unchanged, but the bytes never hold markup such as `</script>`, so the file stays inert when a page
 * or a tool embeds it in HTML.
 */
export function stringifySafeJson(value: unknown): string {
  const escapes: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026' };
  return `${JSON.stringify(value, null, 2).replace(/[<>&]/g, (char) => escapes[char]!)}\n`;
}
