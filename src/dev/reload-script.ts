// The few lines of script the dev server adds to every HTML page it serves, so that open pages reload themselves.

/** The event stream open pages listen on; `__proofpress` is a name no post, tag or asset of a site takes. */
export const EVENTS_PATH = '/__proofpress/events';

/**
 * `html` with the reload script before its last `</body>` (at the end when there is none), whatever the
 * theme, as Zola's `serve` does. The page opens an EventSource for its own path; the server sends the
 * current tag of that path (a hash of what it would serve) on connect and after every build, and the page
 * reloads when the tag is not the one it was served with. So a page reloads only when it changed, a page
 * loaded just before a build finished catches up when it connects, and after a restart of the dev server
 * EventSource reconnects by itself and the page reloads if anything changed meanwhile.
 */
export function injectReloadScript(html: string, tag: string): string {
  const script = `<script data-proofpress-dev>(()=>{const tag=${JSON.stringify(tag)};const events=new EventSource(${JSON.stringify(EVENTS_PATH)}+"?path="+encodeURIComponent(location.pathname+location.search));events.onmessage=(event)=>{if(event.data!==tag){events.close();location.reload();}};})();</script>\n`;
  const at = html.lastIndexOf('</body>');
  return at === -1 ? html + script : html.slice(0, at) + script + html.slice(at);
}
