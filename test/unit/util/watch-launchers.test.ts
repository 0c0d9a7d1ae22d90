// Tests util/watch-launchers: which processes above a build count as its launchers, and, with real process
// trees, that a SIGKILLed `npm exec` stops the build while a shell that simply exits does not.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { findLaunchers, type ProcessInfo } from '../../../src/util/watch-launchers.ts';
import { isProcessAlive } from '../../../src/util/process-alive.ts';
import { stillRunning } from '../../helpers/processes.ts';
import { REPO_ROOT } from '../../helpers/project.ts';

/** The processes above a build, parent first, as /proc would show them (pids 100, 99, … down to an init at 1). */
function tree(...names: string[]): { parent: ProcessInfo; read: (pid: number) => ProcessInfo | undefined } {
  const table = new Map<number, ProcessInfo>(names.map((name, index) => [100 - index, { pid: 100 - index, name, ppid: 99 - index }]));
  table.set(100 - names.length, { pid: 1, name: 'init', ppid: 0 });
  return { parent: table.get(100)!, read: (pid) => table.get(pid) };
}

describe('util/watch-launchers', () => {
  describe('findLaunchers', () => {
    test.each<[string, string[], string[]]>([
      // npm and npx: every process between them and the build waits for its child
      ['npm run build', ['node', 'sh', 'npm run build -', 'bash', 'sshd'], ['node', 'sh', 'npm run build -']],
      ['npx tsx src/cli.ts build', ['node', 'sh', 'npm exec tsx s', 'bash'], ['node', 'sh', 'npm exec tsx s']],
      ['an npx that keeps its name', ['node', 'npx', 'bash'], ['node', 'npx']],
      ['vitest under npm test', ['node', 'node', 'node', 'sh', 'npm test', 'bash'], ['node', 'node', 'node', 'sh', 'npm test']],
      // shells that may exit before the build does
      ['tsx started by an interactive shell', ['node', 'bash', 'sshd'], ['node']],
      ["tsx in the background of `bash -c '… & sleep 2'` under node", ['node', 'bash', 'node', 'sh', 'npm test'], ['node']],
      ['a build whose parent is a shell', ['bash', 'npm run build -'], ['bash', 'npm run build -']],
      ['a build whose parent is a shell that is not npm\'s', ['dash', 'tmux: server'], []],
      // anything else ends the chain
      ['a process manager', ['node', 'systemd'], ['node']],
      ['nothing but init', [], []],
    ])('%s', (_name, names, expected) => {
      const { parent, read } = tree(...names);
      expect(findLaunchers(parent, read).map((launcher) => launcher.name)).toEqual(expected);
    });
  });

  describe('a real build', () => {
    const VENV_PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
    const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    const CLI = path.join(REPO_ROOT, 'src', 'cli.ts');
    const ENV = { PROOFPRESS_PYTHON: VENV_PYTHON, NO_COLOR: '1', npm_config_update_notifier: 'false' };
    const cleanups: (() => Promise<unknown>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    /** A project whose one example sleeps 20 s, so that the build runs a while. */
    async function slowProject(): Promise<string> {
      const root = await mkdtemp(path.join(tmpdir(), 'proofpress-launchers-'));
      cleanups.push(() => rm(root, { recursive: true, force: true }));
      await mkdir(path.join(root, 'content'));
      const post = ['---', 'title: Slow', 'date: 2024-01-01', '---', '', '```python file=slow.py run=script expect=done timeout=30s', 'import time', 'time.sleep(20)', 'print("done")', '```', ''];
      await writeFile(path.join(root, 'content', 'slow.md'), post.join('\n'));
      return root;
    }

    /** Start `command` in a process group of its own (killed after the test), collecting its stderr. */
    function start(command: string, args: string[]) {
      const child = execa(command, args, { cwd: REPO_ROOT, detached: true, reject: false, env: ENV, stdin: 'pipe' });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      cleanups.push(async () => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // ESRCH: already gone.
        }
        await child;
      });
      return { child, stderr: () => stderr };
    }

    /** The Node process running the build of `root` (the one tsx starts with its preflight), once it has loaded the posts. */
    async function buildProcess(root: string, stderr: () => string): Promise<number> {
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
        if (!stderr().includes('✓ Loaded posts')) continue;
        const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((pid) => {
          try {
            const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
            return cmdline.includes('preflight.cjs') && cmdline.includes(root);
          } catch {
            return false;
          }
        });
        if (pids.length === 1) return Number(pids[0]);
      }
      throw new Error(`no build of ${root} started:\n${stderr()}`);
    }

    test('stops within a second when `npm exec -- tsx` above it is SIGKILLed', async () => {
      const root = await slowProject();
      const npm = start('npm', ['exec', '--offline', '--', 'tsx', CLI, 'build', '--root', root, '--no-cache']);
      const build = await buildProcess(root, npm.stderr);
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the example start

      process.kill(npm.child.pid!, 'SIGKILL');
      expect(await stillRunning(build, 1_200)).toBe(false);
      expect(npm.stderr()).toMatch(/The command that started this build \(npm exec .*, pid \d+\) was killed/);
    });

    test("keeps running when the shell that started it in the background exits (`bash -c '… & sleep 1'`)", async () => {
      const root = await slowProject();
      // Like `& sleep 1`, but bash exits only once the build runs (and has looked at what is above it), when
      // its standard input closes. `; true`: else bash would exec its last command and not be above the build.
      const shell = start('bash', ['-c', `"${TSX}" "${CLI}" build --root "${root}" --no-cache & read -r _; true`]);
      const build = await buildProcess(root, shell.stderr);
      expect(isProcessAlive(shell.child.pid!)).toBe(true);
      shell.child.stdin!.end();
      while (isProcessAlive(shell.child.pid!)) await new Promise((resolve) => setTimeout(resolve, 50));

      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(isProcessAlive(build)).toBe(true);
      expect(shell.stderr()).not.toContain('was killed');

      process.kill(build, 'SIGTERM'); // its exit handlers stop the example's sandbox
      expect(await stillRunning(build, 5_000)).toBe(false);
    });
  });
});
