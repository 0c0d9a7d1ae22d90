// The baseline of the verification bench: start `python simpletest.py` by hand and poll port 8000 until one GET answers 200.
import http from 'node:http';
import { execa } from 'execa';

const PORT = 8000;

/** Milliseconds from starting `python file` in `dir` to its first 200 on port 8000; the server is killed after. */
export async function timeBareServer({ python, file, dir }: { python: string; file: string; dir: string }): Promise<number> {
  const started = performance.now();
  const server = execa(python, [file], { cwd: dir, reject: false, stdio: 'ignore', cleanup: true });
  while (!(await get().catch(() => false))) await new Promise((resolve) => setTimeout(resolve, 1));
  const elapsed = performance.now() - started;
  server.kill('SIGKILL');
  await server;
  return elapsed;
}

function get(): Promise<boolean> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: PORT, path: '/', agent: false }, (response) => response.resume().on('end', () => resolve(response.statusCode === 200)))
      .on('error', reject);
  });
}
