/** Which Chromium the suite drives, and that the one inside the npm package works here. */
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.js';

describe('chromiumPath', () => {
  it('takes CHROMIUM_PATH, and refuses one that does not exist', async () => {
    await expect(chromiumPath({ CHROMIUM_PATH: process.execPath }, [])).resolves.toBe(
      process.execPath,
    );
    await expect(chromiumPath({ CHROMIUM_PATH: '/no/such/chromium' })).rejects.toThrow(
      'CHROMIUM_PATH names /no/such/chromium, which does not exist',
    );
  });

  it('drives the Chromium inside @sparticuz/chromium when the machine has none', async () => {
    const path = await chromiumPath({}, []);
    expect(path).not.toMatch(/^\/usr\/bin\//);
    const browser = await chromium.launch({ executablePath: path, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.setContent('<main><h1 id="t">rendered</h1></main>');
      expect(await page.locator('#t').textContent()).toBe('rendered');
    } finally {
      await browser.close();
    }
  }, 120_000);
});
