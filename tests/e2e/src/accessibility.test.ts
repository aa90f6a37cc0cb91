/** What assistive technology and keyboard users get: a skip link, focus, titles, live regions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitForJob, type AppUnderTest } from './app-under-test.js';

describe('accessibility', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop());

  it('skips to the content, focuses a new job, names it in the title, and announces its state', async () => {
    const page = await app.open('/new/demo.stream');
    await page.keyboard.press('Tab');
    const skip = page.locator('[data-test=skip-link]');
    await expect.poll(() => skip.evaluate((link) => link === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');

    const form = page.locator('[data-test=new-job-form]');
    await form.locator('input[name=lines]').fill('3');
    await form.locator('input[name=rate]').fill('0');
    await form.locator('[data-test=start-job]').click();
    await waitForJob(page, 'completed', 3);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent.trim()))
      .toBe('Stream log lines');
    await expect.poll(() => page.title()).toBe('Stream log lines (completed) · Sidecast');
    await expect(
      page.locator('[data-test=state-announcement][aria-live=polite]').textContent(),
    ).resolves.toContain('Stream log lines: completed');
    expect(await page.locator('[role=log]').count()).toBe(1);
  });
});
