/** The job list: each job's main params and duration, a search, and long titles wrapped. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitForJob, type AppUnderTest } from './app-under-test.js';

describe('the job list', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop());

  it('shows params and durations, and narrows to what the search names', async () => {
    const client = app.live.client();
    const stream = await client.start('demo.stream', { lines: 2, rate: 0 });
    const sums = await client.start('files.checksum', { root: '/tmp/nothing-here' });
    const page = await app.open(`/jobs/${stream.id}`);
    await waitForJob(page, 'completed', 2);
    const item = (id: string) => page.locator(`[data-test=job-item][data-job-id="${id}"]`);
    await expect(item(stream.id).locator('[data-test=job-params]').textContent()).resolves.toBe(
      'lines=2 rate=0',
    );
    await item(stream.id).locator('[data-test=job-duration]').waitFor();
    await item(sums.id).waitFor();

    await page.locator('[data-test=job-search]').fill('nothing-here');
    await expect.poll(() => item(stream.id).count()).toBe(0);
    expect(await item(sums.id).count()).toBe(1);
    await page.locator('[data-test=job-search]').fill('zzz');
    await page
      .locator('[data-test=job-list-panel] .empty', { hasText: 'No job matches' })
      .waitFor();
  });
});
