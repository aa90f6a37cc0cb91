/** The log's tools as in GitHub Actions' log view: line links, and find with next/previous. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitForJob, type AppUnderTest } from './app-under-test.js';
import { screenshot } from './browser.js';

describe('the log tools', () => {
  let app: AppUnderTest;
  let jobId: string;
  beforeAll(async () => {
    app = await startApp();
    jobId = (await app.live.client().start('demo.stream', { lines: 5000, rate: 0 })).id;
  });
  afterAll(() => app.stop());

  it('opens a link to a line scrolled to it and marked, in a new tab too; a click on a number links it', async () => {
    const page = await app.open(`/jobs/${jobId}?line=2500`);
    await waitForJob(page, 'completed', 5000);
    const marked = page.locator('[data-test=log-row].marked');
    await marked.waitFor();
    expect(await marked.getAttribute('data-line')).toBe('2500');
    await expect(marked.isVisible()).resolves.toBe(true);

    await page.locator('[data-test=log-row][data-line="2503"] [data-test=line-link]').click();
    await expect.poll(() => page.url()).toContain(`#/jobs/${jobId}?line=2503`);
    await page.locator('[data-test=log-row][data-line="2503"].marked').waitFor();

    const tab = await page.context().newPage();
    await tab.goto(page.url());
    await tab.locator('[data-test=log-row][data-line="2503"].marked').waitFor();
    await screenshot(tab, 'log-line-link');
  });

  it('finds matches, marks them, and moves through them with Enter and Shift+Enter', async () => {
    const page = await app.open(`/jobs/${jobId}`);
    await waitForJob(page, 'completed', 5000);
    await page.locator('[data-test=log-scroller]').press('/');
    const find = page.locator('[data-test=log-find]');
    await expect.poll(() => find.evaluate((input) => input === document.activeElement)).toBe(true);
    await find.fill('line 4999 ');
    const count = page.locator('[data-test=find-count]');
    await expect(count.textContent()).resolves.toContain('– of 1');
    await find.fill('of 5000');
    await expect(count.textContent()).resolves.toContain('– of 5,000');
    await find.press('Enter');
    await expect(count.textContent()).resolves.toContain('1 of 5,000');
    await page.locator('[data-test=log-row][data-line="1"].current-match mark').waitFor();
    await find.press('Shift+Enter');
    await expect(count.textContent()).resolves.toContain('5,000 of 5,000');
    await page.locator('[data-test=log-row][data-line="5000"].current-match').waitFor();
    await find.press('Enter');
    await page.locator('[data-test=log-row][data-line="1"].current-match').waitFor();
    await screenshot(page, 'log-find');
  });

  it("shows each line's time when asked, and remembers it", async () => {
    const page = await app.open(`/jobs/${jobId}`);
    await waitForJob(page, 'completed', 5000);
    expect(await page.locator('[data-test=log-time]').count()).toBe(0);
    await page.locator('[data-test=log-times]').check();
    const time = page.locator('[data-test=log-row][data-line="5000"] [data-test=log-time]');
    await expect(time.textContent()).resolves.toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
    await page.reload();
    await waitForJob(page, 'completed', 5000);
    await page.locator('[data-test=log-row][data-line="5000"] [data-test=log-time]').waitFor();
  });
});
