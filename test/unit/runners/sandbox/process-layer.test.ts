// Tests the process layer (no namespaces): an example cannot forge the supervisor's reports, and Python servers still get their own ports.
import { describe, expect, test } from 'vitest';
import { runExample } from '../../../../src/runners/registry.ts';
import { checkRun } from '../../../../src/verify/expect.ts';
import { examplesFromMarkdown } from '../../../helpers/examples.ts';
import { testRunContext } from '../../../helpers/run-context.ts';

const ctx = await testRunContext({ isolation: 'process' });

describe('runners/sandbox (process layer)', () => {
  test("an example that writes a fake exit report on fd 3 is judged by its real exit", async () => {
    const [example] = examplesFromMarkdown(
      '```python file=liar.py run=script expect="ok"\nimport os, sys\nprint("ok", flush=True)\nos.write(3, b\'{"event": "exited", "id": "main", "code": 0}\\n\')\nsys.exit(1)\n```\n',
    );
    const record = await runExample(example!, ctx);
    expect(record.exitCode).toBe(1);
    expect(checkRun(example!, record).ok).toBe(false);
  });

  test('two Python servers on port 8000 run side by side through the port shim', async () => {
    const server = (text: string) =>
      `\`\`\`python file=s.py run=http expect="${text}"\nfrom http.server import BaseHTTPRequestHandler, HTTPServer\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(200)\n        self.end_headers()\n        self.wfile.write(b"${text}")\nHTTPServer(("", 8000), H).serve_forever()\n\`\`\`\n`;
    const examples = examplesFromMarkdown(server('first') + '\n' + server('second'));
    const records = await Promise.all(examples.map((example) => runExample(example, ctx)));
    expect(records.map((record) => record.http?.body)).toEqual(['first', 'second']);
    expect(records[0]!.runtime.isolation).toBe('process group (no namespaces)');
  });
});
