// A request's target (`/a/b?x=1`) as a URL, read as a path even when it looks like a host (`//x/y`).

/**
 * The URL of a request target in origin form. `new URL('//x/y', base)` would read `x` as a host; here it
 * stays the path `//x/y`. Anything that is not a path (`http://…` absolute form, `*`) counts as `/`.
 */
export function requestUrl(target: string): URL {
  try {
    return new URL(`http://host.invalid${target.startsWith('/') ? target : '/'}`);
  } catch {
    return new URL('http://host.invalid/');
  }
}
