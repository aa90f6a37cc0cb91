/** The Workers panel against a real pool: each worker, its job, and Reload and Restart. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppUnderTest } from './app-under-test.js';
import { screenshot } from './browser.js';

describe('the Workers panel', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp({ supervisor: { workers: 2 } });
  });
  afterAll(() => app.stop());

  it('lists each worker with its job, pid and memory, and reloads and restarts the pool', async () => {
    const page = await app.open('/');
    await page.locator('[data-test=sidecar-state]').click();
    const panel = page.locator('[data-test=workers-panel]');
    await panel.waitFor();
    const job = await app.live.client().start('demo.stream', { lines: 400, rate: 40 });
    const busy = panel.locator('[data-test=worker][data-state=busy]');
    await busy.waitFor();
    await expect(busy.textContent()).resolves.toContain(job.id);
    const pid = app.live.hub.supervisor.status().workers.find((w) => w.jobId === job.id)?.pid;
    await expect(busy.textContent()).resolves.toContain(String(pid));
    await busy.locator('dd', { hasText: /\d+(\.\d+)? (MB|KB|MiB|KiB)/ }).waitFor();
    await expect(panel.locator('[data-test=pool-summary]').textContent()).resolves.toMatch(
      /Ready · 1 of 2 busy/,
    );
    await screenshot(page, 'workers');

    // Reload: the running job finishes on its worker, which shows it is on the old code.
    await panel.locator('[data-test=workers-reload]').click();
    await panel.locator('[data-test=worker]', { hasText: 'old code, finishing' }).waitFor();

    await panel.locator('[data-test=workers-restart]').click();
    await expect
      .poll(() => app.live.hub.jobs.get(job.id)?.state, { timeout: 15_000 })
      .toBe('cancelled');
    await panel.locator('[data-test=worker][data-state=idle]').first().waitFor({ timeout: 15_000 });
  });
});
