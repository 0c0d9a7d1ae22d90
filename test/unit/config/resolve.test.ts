// Tests resolveConfig's `markdown` section (raw HTML is off unless the config turns it on, and a wrong value is named)
// and `concurrency` (the cores available unless the config or --concurrency says otherwise).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.ts';
import { ConfigError } from '../../../src/errors.ts';

const roots: string[] = [];

async function projectWith(config?: unknown): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'proofpress-config-'));
  roots.push(root);
  if (config !== undefined) await writeFile(path.join(root, 'proofpress.config.json'), JSON.stringify(config));
  return root;
}

afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

describe('config/resolve', () => {
  test('leaves raw HTML off by default', async () => {
    expect(resolveConfig(await projectWith()).markdown).toEqual({ html: false });
  });

  test('turns raw HTML on with markdown.html, and freezes the section', async () => {
    const config = resolveConfig(await projectWith({ markdown: { html: true } }));
    expect(config.markdown).toEqual({ html: true });
    expect(Object.isFrozen(config.markdown)).toBe(true);
  });

  test.each([
    [{ markdown: { html: 'yes' } }, '`markdown.html`'],
    [{ markdown: { raw: true } }, '`markdown`'],
  ])('names the field of a wrong value: %j', async (config, field) => {
    const root = await projectWith(config);
    expect(() => resolveConfig(root)).toThrow(ConfigError);
    expect(() => resolveConfig(root)).toThrow(field);
  });

  test('runs one example per available core by default', async () => {
    expect(resolveConfig(await projectWith()).concurrency).toBe(Math.min(availableParallelism(), 64));
  });

  test('takes concurrency from the config, and --concurrency over it', async () => {
    const root = await projectWith({ concurrency: 3 });
    expect(resolveConfig(root).concurrency).toBe(3);
    expect(resolveConfig(root, { concurrency: 5 }).concurrency).toBe(5);
  });
});
