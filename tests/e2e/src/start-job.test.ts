import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  jobIdOf,
  renderedLines,
  startApp,
  streamLines,
  waitForJob,
  type AppUnderTest,
} from './app-under-test.js';
import { screenshot } from './browser.js';

describe('the new-job form', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
  });
  afterEach(() => app.closePages());
  afterAll(() => app.stop());

  it('starts demo.stream with the params typed in, and the job view follows it to the end', async () => {
    const page = await app.open('/new/demo.stream');
    const form = page.locator('[data-test=new-job-form]');
    await expect(form.locator('input[name=lines]').inputValue()).resolves.toBe('100');
    await screenshot(page, 'new-job');

    await form.locator('input[name=lines]').fill('250');
    await form.locator('input[name=rate]').fill('0');
    await form.locator('[data-test=start-job]').click();
    await page.waitForURL(/#\/jobs\//);
    await waitForJob(page, 'completed', 250);

    expect(await renderedLines(page)).toEqual(streamLines(250));
    // A flat object is shown as a key/value list.
    await expect(
      page.locator('[data-test=result][data-shape=fields]').textContent(),
    ).resolves.toMatch(/lines\s*250\s*seconds/);
    const listed = page.locator(
      `[data-test=job-item][data-job-id="${jobIdOf(page)}"] [data-test=state-pill]`,
    );
    await expect(listed.getAttribute('data-state')).resolves.toBe('completed');
    await screenshot(page, 'job-completed');
  });

  it("says what is wrong with a field before sending, and shows the hub's own issues", async () => {
    const page = await app.open('/new/demo.stream');
    const form = page.locator('[data-test=new-job-form]');
    await form.locator('input[name=lines]').fill('2.5');
    await form.locator('[data-test=start-job]').click();
    await expect(
      form.locator('[data-test=field-lines] [data-test=field-error]').textContent(),
    ).resolves.toBe('Lines must be a whole number');

    await page.goto(`${app.live.hub.origin}/#/new/files.checksum`);
    const checksum = page.locator('[data-test=new-job-form]');
    await checksum.locator('[data-test=start-job]').click();
    await expect(
      checksum.locator('[data-test=field-root] [data-test=field-error]').textContent(),
    ).resolves.toBe('Root is required');
    expect(page.url()).toMatch(/#\/new\/files\.checksum$/);
  });

  it('cancels a running job from its page', async () => {
    const page = await app.open('/new/demo.stream');
    const form = page.locator('[data-test=new-job-form]');
    await form.locator('input[name=lines]').fill('1000');
    await form.locator('input[name=rate]').fill('20');
    await form.locator('[data-test=start-job]').click();
    await page.locator('[data-test=log-row][data-line="3"]').waitFor();
    await page.locator('[data-test=cancel-job]').click();
    await waitForJob(page, 'cancelled');
    expect(await page.locator('[data-test=cancel-job]').count()).toBe(0);
    const lines = await renderedLines(page);
    expect(lines.length).toBeLessThan(1000);
    expect(lines).toEqual(streamLines(1000).slice(0, lines.length));
  });

  it('shows a failed job with its error and traceback', async () => {
    const page = await app.open('/new/demo.stream');
    const form = page.locator('[data-test=new-job-form]');
    await form.locator('input[name=lines]').fill('20');
    await form.locator('input[name=rate]').fill('0');
    await form.locator('input[name=fail_at]').fill('7');
    await form.locator('[data-test=start-job]').click();
    await waitForJob(page, 'failed', 6);
    const error = page.locator('[data-test=error]');
    await expect(error.textContent()).resolves.toContain('failed at line 7, as asked');
    await expect(error.locator('pre').textContent()).resolves.toContain('Traceback');
    await screenshot(page, 'job-failed');
  });
});
