/** A job view while the hub is out of reach says it may be stale and asks nothing of it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppUnderTest } from './app-under-test.js';

describe('a job view without its hub', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop());

  it('says the job may have moved on, and disables Cancel', async () => {
    const page = await app.open('/');
    const job = await app.live.client().start('demo.stream', { lines: 10_000, rate: 5 });
    await page.goto(`${app.live.hub.origin}/#/jobs/${job.id}`);
    const cancel = page.locator('[data-test=cancel-job]');
    await cancel.waitFor();
    expect(await cancel.isEnabled()).toBe(true);
    expect(await page.locator('[data-test=stale]').count()).toBe(0);

    await app.live.hub.close();
    await page.locator('[data-test=stale]').waitFor();
    expect(await cancel.isDisabled()).toBe(true);
  });
});
