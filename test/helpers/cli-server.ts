// Test helper: run `proofpress dev|preview` as a user does (npx tsx src/cli.ts …) and stop it as Ctrl-C does.
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { REPO_ROOT } from './project.ts';

/** A server command running in its own process group. */
export interface CliServer {
  /** `http://127.0.0.1:PORT/`, as the command printed it. */
  url: string;
  /** Everything it printed to stderr so far. */
  output(): string;
  /** Resolves once stderr holds `text`, after at most `timeoutMs`. */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /**
   * Ctrl-C: SIGINT to the whole process group (npx, tsx, node), as a terminal sends it. Resolves with how
   * npx ended: npm re-raises SIGINT on itself once its command has exited, so that shells see an interrupt.
   */
  stop(): Promise<{ exitCode?: number; signal?: string }>;
  pid: number;
}

/** Start `proofpress <command> --root <root> --port 0` with the repo's venv Python; resolves once it printed its URL. */
export async function startCliServer(command: 'dev' | 'preview', root: string, args: string[] = []): Promise<CliServer> {
  const child: ResultPromise = execa('npx', ['tsx', 'src/cli.ts', command, '--root', root, '--port', '0', ...args], {
    cwd: REPO_ROOT,
    env: { PROOFPRESS_PYTHON: path.join(REPO_ROOT, '.venv', 'bin', 'python'), NO_COLOR: '1' },
    detached: true,
    reject: false,
    buffer: false,
    stdin: 'ignore',
  });
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  child.stdout!.resume();
  const exited = child.then((result) => ({ exitCode: result.exitCode, signal: result.signal }));
  const waitForOutput = (text: string | RegExp, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const seen = () => (typeof text === 'string' ? stderr.includes(text) : text.test(stderr));
      if (seen()) return resolve();
      const timer = setTimeout(() => done(new Error(`no ${String(text)} in ${timeoutMs} ms; the command printed:\n${stderr}`)), timeoutMs);
      const listener = () => seen() && done();
      const done = (error?: Error) => {
        clearTimeout(timer);
        listeners.delete(listener);
        if (error) reject(error);
        else resolve();
      };
      listeners.add(listener);
      void exited.then(() => done(seen() ? undefined : new Error(`the command exited before printing ${String(text)}:\n${stderr}`)));
    });
  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGINT');
    } catch {
      // Already gone.
    }
    return exited;
  };
  try {
    await waitForOutput(/Serving http:\/\/\S+\//);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: /Serving (http:\/\/\S+\/)/.exec(stderr)![1]!, output: () => stderr, waitForOutput, stop, pid: child.pid! };
}
