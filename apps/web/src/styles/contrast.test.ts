/**
 * Text contrast of the theme's colour roles, light and dark, against the backgrounds they
 * are drawn on: WCAG AA's 4.5:1 for normal text (state pills, chips and muted text are small).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Read from the package root, where vitest runs: the test environment is a browser's.
const css = readFileSync(resolve('src/styles/theme.css'), 'utf8');
const darkStart = css.indexOf('prefers-color-scheme: dark');

function colours(block: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [, name, value] of block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\b/gi))
    if (name !== undefined && value !== undefined) found[name] = value;
  return found;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

const PAIRS: [string, string][] = [
  ...['queued', 'running', 'completed', 'failed', 'cancelled'].map((state): [string, string] => [
    state,
    `${state}-soft`,
  ]),
  ['text-muted', 'surface'],
  ['text-muted', 'surface-2'],
  ['text-muted', 'bg'],
  ['accent', 'accent-soft'],
];

describe('theme contrast', () => {
  const light = colours(css.slice(0, darkStart));
  const dark = { ...light, ...colours(css.slice(darkStart)) };
  for (const [theme, roles] of [
    ['light', light],
    ['dark', dark],
  ] as const)
    it(`keeps every text role at 4.5:1 or more in the ${theme} theme`, () => {
      for (const [text, background] of PAIRS) {
        const [fg, bg] = [roles[text], roles[background]];
        expect(fg, `--${text}`).toBeDefined();
        expect(bg, `--${background}`).toBeDefined();
        expect(contrast(fg ?? '', bg ?? ''), `--${text} on --${background}`).toBeGreaterThanOrEqual(
          4.5,
        );
      }
    });
});
