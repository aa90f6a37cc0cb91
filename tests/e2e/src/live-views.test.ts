import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  jobIdOf,
  renderedLines,
  startApp,
  streamLines,
  waitForJob,
  watchNewJob,
  type AppUnderTest,
} from './app-under-test.js';
import { screenshot } from './browser.js';

describe('watching a job live', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
  });
  afterEach(() => app.closePages());
  afterAll(() => app.stop());

  it('shows two pages on one job the same log, and each the other as a viewer', async () => {
    const first = await app.open();
    const second = await app.open();
    await watchNewJob(app, [first, second], 'demo.stream', { lines: 600, rate: 100 });
    await first.locator('[data-test=viewers][data-count="2"]').waitFor();
    await first.locator('[data-test=state-pill][data-state=running]').first().waitFor();
    await screenshot(first, 'job-running');
    await Promise.all([waitForJob(first, 'completed', 600), waitForJob(second, 'completed', 600)]);

    const [seenFirst, seenSecond] = await Promise.all([
      renderedLines(first),
      renderedLines(second),
    ]);
    expect(seenFirst).toEqual(streamLines(600));
    expect(seenSecond).toEqual(seenFirst);
  });

  it('ends with every line exactly once after a reload mid-job', async () => {
    const page = await app.open('/new/demo.stream');
    const form = page.locator('[data-test=new-job-form]');
    await form.locator('input[name=lines]').fill('800');
    await form.locator('input[name=rate]').fill('100');
    await form.locator('[data-test=start-job]').click();
    await page.waitForURL(/#\/jobs\//);
    const id = jobIdOf(page);
    await page.locator('[data-test=log-row][data-line="100"]').waitFor();
    const pill = page.locator('[data-test=job-view] [data-test=state-pill]');
    expect(await pill.getAttribute('data-state')).toBe('running');
    await page.reload();
    expect(jobIdOf(page)).toBe(id);
    await waitForJob(page, 'completed', 800);
    expect(await renderedLines(page)).toEqual(streamLines(800));
  });

  it('keeps the DOM small for a 100,000-line job, live and finished', async () => {
    const page = await app.open();
    await watchNewJob(app, [page], 'demo.stream', { lines: 100_000, rate: 0 });
    const rows = page.locator('[data-test=log-row]');
    const finished = page.locator(
      '[data-test=job-view] [data-test=state-pill][data-state=completed]',
    );
    let most = 0;
    let samples = 0;
    do {
      most = Math.max(most, await rows.count());
      samples += 1;
      await page.waitForTimeout(50);
    } while ((await finished.count()) === 0);
    await waitForJob(page, 'completed', 100_000);
    most = Math.max(most, await rows.count());
    expect(samples).toBeGreaterThan(1);
    expect(most).toBeGreaterThan(20);
    expect(most).toBeLessThan(500);
    // Followed to the end: the last line is on screen.
    await page.locator('[data-test=log-row][data-line="100000"]').waitFor();
    await screenshot(page, 'job-100k');

    // Scrolling up pauses the tail; the filter narrows 100,000 lines to the matches.
    await page.locator('[data-test=log-filter]').fill('of 100000');
    await expect(page.locator('[data-test=log-count]').textContent()).resolves.toContain(
      '100,000 of 100,000 lines',
    );
    await page.locator('[data-test=log-filter]').fill('line 99999 ');
    await expect(page.locator('[data-test=log-count]').textContent()).resolves.toContain(
      '1 of 100,000 lines',
    );
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-line')).toBe('99999');
  });

  it('pauses autoscroll when scrolled up, counts new lines, and resumes from the button', async () => {
    const page = await app.open();
    await watchNewJob(app, [page], 'demo.stream', { lines: 1200, rate: 120 });
    // By the count, not by row 120 being on screen: on a loaded machine autoscroll can
    // jump past a row between two polls.
    const count = page.locator('[data-test=log-count]');
    // 120 lines at 120 a second take a second of their own, the poll's default timeout.
    await expect
      .poll(
        async () => Number(/[\d,]+/.exec((await count.textContent()) ?? '')?.[0].replace(/,/g, '')),
        { timeout: 15_000 },
      )
      .toBeGreaterThanOrEqual(120);
    await page.locator('[data-test=log-scroller]').evaluate((element) => {
      element.scrollTop = 0;
    });
    const more = page.locator('[data-test=new-lines]');
    await more.waitFor();
    await expect(more.textContent()).resolves.toMatch(/\d+ new lines ↓/);
    await page.locator('[data-test=log-row][data-line="1"]').waitFor();
    await screenshot(page, 'log-paused');
    await more.click();
    await waitForJob(page, 'completed', 1200);
    await page.locator('[data-test=log-row][data-line="1200"]').waitFor();
    expect(await more.count()).toBe(0);
  });
});
