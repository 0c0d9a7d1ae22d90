// The stylesheet's colours meet WCAG AA in both schemes, computed from style.css itself.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { contrastRatio } from '../../../helpers/contrast.ts';

const css = readFileSync(new URL('../../../../src/render/assets/style.css', import.meta.url), 'utf8');

/** The custom properties of the first `:root {…}` block after `from` in the stylesheet. */
function palette(from: number): Record<string, string> {
  const block = /:root\s*\{([^}]*)\}/.exec(css.slice(from))![1]!;
  return Object.fromEntries([...block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{3,8})/gi)].map((m) => [m[1]!, m[2]!]));
}

const light = palette(0);
const dark = { ...light, ...palette(css.indexOf('@media (prefers-color-scheme: dark)')) };

// Text colour → the backgrounds it is drawn on (the panel is the figure head and output box).
const TEXT_ON = {
  fg: ['bg', 'panel', 'diff-del', 'diff-ins'],
  muted: ['bg', 'panel'],
  link: ['bg', 'panel'],
  passed: ['bg', 'panel'],
  failed: ['bg', 'panel'],
  skipped: ['bg', 'panel'],
  // the title of a warning callout (the other callouts' titles use link, passed and failed)
  warning: ['bg', 'panel'],
} as const;

function ratios(scheme: Record<string, string>, colours: readonly string[], backgrounds: readonly string[]) {
  return colours.flatMap((colour) => backgrounds.map((bg) => ({ pair: `${colour} on ${bg}`, ratio: contrastRatio(scheme[colour]!, scheme[bg]!) })));
}

describe('render/assets/style.css', () => {
  test.each([
    ['light', light],
    ['dark', dark],
  ])('every text colour meets 4.5:1 on its backgrounds in the %s scheme', (_name, scheme) => {
    for (const [colour, backgrounds] of Object.entries(TEXT_ON)) {
      for (const { pair, ratio } of ratios(scheme, [colour], backgrounds)) expect(ratio, pair).toBeGreaterThanOrEqual(4.5);
    }
  });

  test.each([
    ['light', light],
    ['dark', dark],
  ])('control borders meet the 3:1 of non-text contrast in the %s scheme', (_name, scheme) => {
    for (const { pair, ratio } of ratios(scheme, ['control-border'], ['bg', 'panel'])) expect(ratio, pair).toBeGreaterThanOrEqual(3);
  });

  test('defines every colour in both schemes', () => {
    expect(Object.keys(palette(css.indexOf('@media (prefers-color-scheme: dark)'))).sort()).toEqual(Object.keys(light).sort());
  });
});
