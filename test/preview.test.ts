// `proofpress preview` serves a built site/ as a static host does: folders, 404 page, _redirects, types, no listings.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BuiltSite, buildSite } from './helpers/built-site.ts';
import { type CliServer, startCliServer } from './helpers/cli-server.ts';
import { REPO_ROOT } from './helpers/project.ts';

// The blog fixture's counting post: aliases /2024/01/10/counting.html, /archives/counting, /index.php?page_id=42; wordpress.post_id 7.
const POST = '/2024/01/10/counting/';

let site: BuiltSite;
let server: CliServer;

beforeAll(async () => {
  site = await buildSite('blog', { write: true });
  server = await startCliServer('preview', site.root);
});

afterAll(async () => {
  await server?.stop();
  await site?.cleanup();
});

/** GET (or `method`) a path of the preview without following redirects. */
function request(pathname: string, init: RequestInit = {}): Promise<Response> {
  return fetch(new URL(pathname, server.url), { redirect: 'manual', ...init });
}

describe('preview', () => {
  test('serves folders by their index.html, with the content types a host sends', async () => {
    const home = await request('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toContain('<title>Fixture &lt;Blog&gt;</title>');
    expect((await request(POST)).status).toBe(200);
    for (const [file, type] of [
      ['/assets/style.css', 'text/css; charset=utf-8'],
      ['/atom.xml', 'text/xml; charset=utf-8'],
      ['/feed.json', 'application/json; charset=utf-8'],
      ['/pagefind/pagefind-ui.js', 'text/javascript; charset=utf-8'],
    ]) {
      const response = await request(file!);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toBe(type);
    }
  });

  test("answers a missing page with the site's 404.html and status 404, and lists no folder", async () => {
    const missing = await request('/no/such/page/');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await missing.text()).toContain('<h1>Page not found</h1>');
    expect((await request('/assets/')).status).toBe(404);
    // _redirects is the host's, not a page; paths never leave the site.
    expect((await request('/_redirects')).status).toBe(404);
    expect((await request('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  test('redirects old URLs from _redirects with 301 and Location, as Netlify does', async () => {
    for (const old of ['/?p=7', '/index.php?page_id=42']) {
      const response = await request(old);
      expect(response.status, old).toBe(301);
      expect(response.headers.get('location'), old).toBe(POST);
    }
    // A path alias is shadowed by its own page (a meta refresh to the post), as Netlify serves it.
    const alias = await request('/2024/01/10/counting.html');
    expect(alias.status).toBe(200);
    expect(await alias.text()).toContain(`<meta http-equiv="refresh" content="0; url=${POST}">`);
    // A folder without its slash is redirected to it.
    const tags = await request('/tags?sort=1');
    expect(tags.status).toBe(301);
    expect(tags.headers.get('location')).toBe('/tags/?sort=1');
  });

  test('answers HEAD and conditional requests, and refuses other methods', async () => {
    const head = await request(POST, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const etag = head.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await request(POST, { headers: { 'If-None-Match': etag! } })).status).toBe(304);
    const post = await request(POST, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  test('without a built site it says to build first', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'proofpress-preview-empty-'));
    try {
      const result = await execa('npx', ['tsx', 'src/cli.ts', 'preview', '--root', empty, '--port', '0'], { cwd: REPO_ROOT, reject: false, env: { NO_COLOR: '1' } });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(/✗ Nothing to preview: \S*proofpress-preview-empty-\w+\/site holds no built site \(no index.html\)/);
      expect(result.stderr).toContain('Hint: Run `proofpress build`');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
