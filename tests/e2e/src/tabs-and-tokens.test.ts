/** Deep links in any tab of the browser, and a token the hub refuses (DESIGN §6). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitForJob, type AppUnderTest } from './app-under-test.js';
import { screenshot } from './browser.js';

describe('the token', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop());

  it('opens a deep link in a new tab of the same browser, with no token in its address', async () => {
    const first = await app.open('/');
    expect(first.url()).not.toContain('token');
    const job = await app.live.client().start('demo.stream', { lines: 3, rate: 0 });
    const tab = await first.context().newPage();
    await tab.goto(`${app.live.hub.origin}/#/jobs/${job.id}`);
    await waitForJob(tab, 'completed', 3);
    await tab.locator('[data-test=connection][data-state=live]').waitFor();
    expect(await tab.locator('[data-test=connect-prompt]').count()).toBe(0);
  });

  it('says a refused token is not valid for this hub, instead of reconnecting forever', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.live.hub.origin}/#token=${'x'.repeat(43)}`);
    const refused = page.locator('[data-test=bad-token]');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain(
      "This link's token is not valid for this hub",
    );
    await screenshot(page, 'bad-token');
    // It is forgotten: a reload shows the plain prompt, with nothing to retry.
    await page.reload();
    await page.locator('[data-test=connect-prompt]').waitFor();
    expect(await page.locator('[data-test=bad-token]').count()).toBe(0);
    await context.close();
  });
});
