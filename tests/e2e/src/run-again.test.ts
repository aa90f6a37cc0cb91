/** Running a finished job again, as it was or edited, and forms that remember (DESIGN §9). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitForJob, type AppUnderTest } from './app-under-test.js';

describe('running a job again', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop());

  it('runs it again with the same params, or edited, and the form remembers the last ones', async () => {
    const page = await app.open('/new/demo.stream');
    const form = page.locator('[data-test=new-job-form]');
    await form.locator('input[name=lines]').fill('4');
    await form.locator('input[name=rate]').fill('0');
    await form.locator('[data-test=start-job]').click();
    await waitForJob(page, 'completed', 4);
    const first = await page.locator('[data-test=job-view]').getAttribute('data-job-id');

    await page.locator('[data-test=run-again]').click();
    await page.locator(`[data-test=job-view]:not([data-job-id="${first ?? ''}"])`).waitFor();
    await waitForJob(page, 'completed', 4);
    const second = await page.locator('[data-test=job-view]').getAttribute('data-job-id');
    expect(second).not.toBe(first);
    expect(app.live.hub.jobs.get(second ?? '')?.params).toEqual({
      lines: 4,
      rate: 0,
    });

    await page.locator('[data-test=edit-and-run]').click();
    await form.waitFor();
    expect(await form.locator('input[name=lines]').inputValue()).toBe('4');
    await form.locator('input[name=lines]').fill('6');
    await form.locator('[data-test=start-job]').click();
    await waitForJob(page, 'completed', 6);

    await page.goto(`${app.live.hub.origin}/#/new/demo.stream`);
    await form.waitFor();
    expect(await form.locator('input[name=lines]').inputValue()).toBe('6');
    expect(await form.locator('input[name=rate]').inputValue()).toBe('0');
  });
});
