import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitForJob, type AppUnderTest } from './app-under-test.js';
import { screenshot } from './browser.js';

describe('a sidecar that dies', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
  });
  afterEach(() => app.closePages());
  afterAll(() => app.stop());

  it('shows the banner while it restarts, then the app carries on', async () => {
    const page = await app.open('/new/demo.stream');
    await page.locator('[data-test=new-job-form]').waitFor();
    // The pool keeps one worker warm: killing it leaves none until its replacement is up.
    const [worker, ...others] = app.live.hub.supervisor.status().workers;
    expect(others).toEqual([]);
    process.kill(worker?.pid ?? 0, 'SIGKILL');

    const banner = page.locator('[data-test=sidecar-banner]');
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toContain('The Python sidecar stopped');
    await screenshot(page, 'sidecar-banner');
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.locator('[data-test=connection]').getAttribute('data-state')).toBe('live');

    const form = page.locator('[data-test=new-job-form]');
    await form.locator('input[name=lines]').fill('5');
    await form.locator('input[name=rate]').fill('0');
    await form.locator('[data-test=start-job]').click();
    await waitForJob(page, 'completed', 5);
  });
});

describe('a sidecar that keeps dying', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    // Short backoffs, so five crashes in a row take a moment rather than 15 s.
    app = await startApp({ supervisor: { restartBackoffInitialMs: 20, restartBackoffMaxMs: 40 } });
  });
  afterEach(() => app.closePages());
  afterAll(() => app.stop());

  it('offers a restart once the circuit breaker is open, and the button brings it back', async () => {
    const page = await app.open('/');
    await app.live.hub.supervisor.ensureReady();
    // Workers that die before they are ready, the same way twice, open the breaker
    // (DESIGN §5): each is a kill of the newest worker, which is soon one still starting.
    while (app.live.hub.supervisor.state !== 'circuit_open') {
      for (const { pid } of app.live.hub.supervisor.status().workers)
        if (pid !== undefined) process.kill(pid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const banner = page.locator('[data-test=sidecar-banner]');
    await expect(banner.textContent()).resolves.toContain('keeps failing');
    await screenshot(page, 'sidecar-circuit-open');
    await banner.locator('[data-test=restart-sidecar]').click();
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    await page.locator('[data-test=sidecar-state]', { hasText: 'workers ready' }).waitFor();
    await page.locator('[data-test=sidecar-state]', { hasText: /\d of 4 busy/ }).waitFor();
    expect(app.live.hub.supervisor.state).toBe('ready');
  });
});

describe('a --python that does not exist', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp({
      supervisor: {
        python: '/nonexistent/python3',
        restartBackoffInitialMs: 20,
        restartBackoffMaxMs: 40,
      },
    });
  });
  afterEach(() => app.closePages());
  afterAll(() => app.stop());

  it('names the missing interpreter in the banner and stops retrying at the breaker', async () => {
    const page = await app.open('/new/demo.stream');
    const banner = page.locator('[data-test=sidecar-banner].circuit_open');
    await banner.waitFor({ timeout: 15_000 });
    const text = await banner.textContent();
    expect(text).toContain('keeps failing');
    expect(text).toContain('could not start /nonexistent/python3');
    expect(text).toContain('ENOENT');
    expect(text).toContain('pass its path with --python');
    await screenshot(page, 'sidecar-python-missing');
    const { restarts } = app.live.hub.supervisor.status();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(app.live.hub.supervisor.status()).toMatchObject({ state: 'circuit_open', restarts });
    expect(await page.locator('[data-test=connection]').getAttribute('data-state')).toBe('live');
  });
});
