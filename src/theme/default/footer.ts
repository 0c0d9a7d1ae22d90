// The built-in site footer: the owner's `site.footer` (else the author and the verification credit), then the feeds.
import { FEEDS } from '../../render/layout.ts';
import { VERIFICATION_URL } from '../../render/urls.ts';
import { html, type SafeHtml } from '../../util/html.ts';
import type { ChromeInput } from '../contract.ts';

/** The footer landmark. */
export function footer({ ctx }: ChromeInput): SafeHtml {
  const { site } = ctx;
  return html`<footer class="site-footer">
${ctx.footerHtml ?? html`<p>${site.author ? html`© ${site.author} · ` : ''}Built with proofpress: every example on this site was run when the site was built (<a href="${VERIFICATION_URL}">verification report</a>).</p>\n`}<p>Subscribe: ${FEEDS.map((feed, i) => html`${i ? ' · ' : ''}<a href="${feed.url}" type="${feed.type}">${feed.label}</a>`)}</p>
</footer>`;
}
