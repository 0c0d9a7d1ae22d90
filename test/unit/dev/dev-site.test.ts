import { describe, expect, test } from 'vitest';
import { type DevState, pageTag, respond, siteOf } from '../../../src/dev/dev-site.ts';
import { injectReloadScript } from '../../../src/dev/reload-script.ts';

const FILES = [
  { path: 'index.html', content: '<html><body><h1>Home</h1></body></html>' },
  { path: 'post/index.html', content: '<html><body><p>Hello</p></body></html>' },
  { path: '404.html', content: '<html><body>Page not found</body></html>' },
  { path: 'assets/style.css', content: 'body { color: black }' },
  { path: '_redirects', content: '/old /post/ 301\n/ p=7 /post/ 301!\n' },
];
const good: DevState = { site: siteOf(FILES) };
const at = (url: string) => new URL(url, 'http://dev.invalid');

describe('dev/dev-site', () => {
  test('answers as a static host: folders, folder redirects, _redirects, the 404 page with status 404', () => {
    expect(respond(good, at('/post/'))).toMatchObject({ status: 200, body: FILES[1]!.content, html: true });
    expect(respond(good, at('/post?x=1'))).toMatchObject({ status: 301, headers: { Location: '/post/?x=1' } });
    expect(respond(good, at('/old'))).toMatchObject({ status: 301, headers: { Location: '/post/' } });
    expect(respond(good, at('/?p=7'))).toMatchObject({ status: 301, headers: { Location: '/post/' } });
    expect(respond(good, at('/missing'))).toMatchObject({ status: 404, body: FILES[2]!.content, html: true });
    expect(respond(good, at('/_redirects')).status).toBe(404);
    expect(respond(good, at('/assets/style.css'))).toMatchObject({ status: 200, headers: { 'Content-Type': 'text/css; charset=utf-8' }, html: false });
  });

  test('while the latest build failed, pages show its error and assets of the last good build stay', () => {
    const failed: DevState = { site: good.site, failure: '✗ Cannot read the front matter <here>' };
    const page = respond(failed, at('/post/'));
    expect(page.status).toBe(500);
    expect(page.body).toContain('✗ Cannot read the front matter &lt;here&gt;');
    expect(respond(failed, at('/assets/style.css')).status).toBe(200);
  });

  test("a page's tag changes when what it serves changes, and only then", () => {
    const edited: DevState = { site: siteOf(FILES.map((file) => (file.path === 'post/index.html' ? { ...file, content: '<p>Hello, edited</p>' } : file))) };
    expect(pageTag(edited, '/post/')).not.toBe(pageTag(good, '/post/'));
    expect(pageTag(edited, '/')).toBe(pageTag(good, '/'));
    const restyled: DevState = { site: siteOf(FILES.map((file) => (file.path === 'assets/style.css' ? { ...file, content: 'body { color: red }' } : file))) };
    expect(pageTag(restyled, '/')).not.toBe(pageTag(good, '/'));
    expect(pageTag({ ...good, failure: 'broken' }, '/')).not.toBe(pageTag(good, '/'));
    // Whatever a page sends as its path, the tag is computed (a path that is not a path counts as /).
    expect(pageTag(good, 'http://elsewhere.invalid/post/')).toBe(pageTag(good, '/'));
    expect(pageTag(good, '//post/')).toBe(pageTag(good, '/post/'));
  });

  test('the reload script goes before the last </body>, or at the end', () => {
    expect(injectReloadScript('<body><p>x</p></body></html>', 'abc')).toMatch(/^<body><p>x<\/p><script data-proofpress-dev>.*"abc".*<\/script>\n<\/body><\/html>$/);
    expect(injectReloadScript('<p>no body</p>', 'abc')).toMatch(/^<p>no body<\/p><script data-proofpress-dev>/);
  });
});
