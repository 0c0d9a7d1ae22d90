// Issue 7: in namespaces every example binds the port its article hard-codes, for real, in any language.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import { resolveConfig } from '../src/config/resolve.ts';
import { detectIsolation } from '../src/runners/sandbox/isolation.ts';
import { REPO_ROOT } from './helpers/project.ts';

const namespaces = (await detectIsolation('auto')).mode === 'namespaces';
const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

async function buildPost(body: string, concurrency = 4) {
  const root = await mkdtemp(path.join(tmpdir(), 'proofpress-ports-'));
  roots.push(root);
  await mkdir(path.join(root, 'content'));
  await writeFile(path.join(root, 'content', 'ports.md'), `---\ntitle: Ports\ndate: 2025-01-01\n---\n${body}`);
  const config = resolveConfig(root, { useCache: false, isolation: 'strict', concurrency, pythonOverride: path.join(REPO_ROOT, '.venv', 'bin', 'python') });
  return build(config, { write: false });
}

const server = (text: string) => `\`\`\`python file=server.py run=http expect="${text}"
from http.server import BaseHTTPRequestHandler, HTTPServer

class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"${text}")

HTTPServer(("", 8000), Hello).serve_forever()
\`\`\`
`;

describe.skipIf(!namespaces)('sandbox: ports', () => {
  test('200 examples that all bind port 8000 pass in one build, each answering with its own text', async () => {
    const result = await buildPost(Array.from({ length: 200 }, (_, index) => server(`server number ${index}`)).join('\n'));
    const statuses = result.verifications.map((verification) => verification.status);
    expect(statuses.filter((status) => status === 'passed')).toHaveLength(200);
    // Each answer came from its own server, not from whichever held the port first.
    expect(new Set(result.verifications.map((verification) => verification.record?.http?.body)).size).toBe(200);
  }, 240_000);

  test("an IPv6 server bound to '::' passes", async () => {
    const result = await buildPost(`\`\`\`python file=six.py run=http expect="over IPv6"
import socket
from http.server import BaseHTTPRequestHandler, HTTPServer

class SixServer(HTTPServer):
    address_family = socket.AF_INET6

class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"over IPv6")

SixServer(("::", 8000), Hello).serve_forever()
\`\`\`
`);
    expect(result.verifications[0]).toMatchObject({ status: 'passed' });
  });

  test('a server that is not Python (Node, started from a script) binds 8000 and answers', async () => {
    const result = await buildPost(`\`\`\`python file=start_node.py run=http expect="hello from node on 8000"
import subprocess
subprocess.run(["node", "-e", "require('http').createServer((q, s) => s.end('hello from node on ' + q.socket.localPort)).listen(8000)"])
\`\`\`
`);
    expect(result.verifications[0]).toMatchObject({ status: 'passed' });
    expect(result.verifications[0]!.record?.runtime.isolation).toMatch(/^namespaces \(bubblewrap/);
  });
});
