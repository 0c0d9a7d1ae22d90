// Stage 6: a post's HTML shown off its page (an excerpt in a list, a feed item): its in-page links and ids follow it.
// Our templates, markdown-it and its plugins always quote attributes with `"`, so attribute-level rewriting is exact here.

/** `href="#x"` → `href="<url>#x"`: a footnote or contents link still reaches the post when its HTML is elsewhere. */
export function pointFragmentsAt(html: string, url: string): string {
  return html.replace(/(\shref=")#/g, (_match, attr: string) => `${attr}${url}#`);
}

/**
 * Every `id` and `for` (a task's label names its checkbox) gets `prefix`: a list shows several posts'
 * excerpts on one page, each with its own `fn1` or `task-item-0`, and ids must stay unique there.
 */
export function prefixIds(html: string, prefix: string): string {
  return html.replace(/(\s(?:id|for)=")/g, (_match, attr: string) => `${attr}${prefix}`);
}
