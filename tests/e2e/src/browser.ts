/**
 * Real Chromium, driven by playwright-core: a system Chromium when there is one
 * (`CHROMIUM_PATH`, else Debian's `chromium`, else Chrome), else the one that ships inside
 * the `@sparticuz/chromium` npm package, so `pnpm install && pnpm test` needs nothing
 * installed by hand (it unpacks itself into the temp dir on first use).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where a system Chromium usually is, in the order they are tried. */
const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** Where screenshots go (git-ignored): look at them after a run. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));

/**
 * The Chromium to drive: `CHROMIUM_PATH` if set (it must exist; `packaged` means the npm
 * one), else the first of `systemPaths` that exists, else the packaged one.
 */
export async function chromiumPath(
  env: NodeJS.ProcessEnv = process.env,
  systemPaths: readonly string[] = SYSTEM_CHROMIUMS,
): Promise<string> {
  const named = env.CHROMIUM_PATH;
  if (named !== undefined && named !== '' && named !== 'packaged') {
    if (!existsSync(named)) throw new Error(`CHROMIUM_PATH names ${named}, which does not exist`);
    return named;
  }
  const system = named === 'packaged' ? undefined : systemPaths.find((path) => existsSync(path));
  if (system !== undefined) return system;
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Screenshots of `page` in the light and the dark theme, as `<name>-light.png` / `-dark.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `${SCREENSHOT_DIR}${name}-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: null });
}
