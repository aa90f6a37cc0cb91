/**
 * Every width from 360 px up: no sideways page scroll, every panel reachable and usable,
 * the job list as a drawer when narrow; and the log's width, wrap, gutter and level labels.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitForJob, type AppUnderTest } from './app-under-test.js';
import { screenshot } from './browser.js';

const JOBS = `import logging
from sidecast import job


@job("look.levels", title="Levels and a long line")
def levels() -> None:
    print("an ordinary line")
    logging.warning("a warning")
    logging.error("an error")
    print("long " + "x" * 600 + " END")
`;

async function pageScrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

describe('the layout', () => {
  let app: AppUnderTest;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sidecast-e2e-layout-'));
    await writeFile(join(dir, 'look_jobs.py'), JOBS);
    app = await startApp({ supervisor: { jobs: [join(dir, 'look_jobs.py')] } });
  });
  afterAll(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });

  for (const width of [360, 768, 1280])
    it(`keeps every panel usable at ${String(width)} px, the chat included`, async () => {
      const page = await app.open('/');
      await page.setViewportSize({ width, height: 800 });
      const chat = await app.live.client().start('demo.chat', { delay: 0 });
      await page.goto(`${app.live.hub.origin}/#/jobs/${chat.id}`);
      await page.locator('[data-test=job-view] [data-state=running]').waitFor();
      expect(await pageScrollsSideways(page)).toBe(false);
      const input = page.locator('[data-test=chat-input]');
      await input.scrollIntoViewIfNeeded();
      expect((await input.boundingBox())?.width ?? 0).toBeGreaterThan(150);
      await input.fill('hello there');
      await input.press('Enter');
      await page.locator('[data-test=chat-turn]', { hasText: 'hello there' }).first().waitFor();
      await screenshot(page, `chat-${String(width)}`);

      if (width < 760) {
        // The job list is a drawer: closed, opened from the header, closed by picking a job.
        const list = page.locator('[data-test=job-list-panel]');
        expect(await list.isVisible()).toBe(false);
        await page.locator('[data-test=toggle-jobs]').click();
        await list.locator(`[data-test=job-item][data-job-id="${chat.id}"]`).click();
        await expect.poll(() => list.isVisible()).toBe(false);
        expect(await page.locator('[data-test=sidecar-state]').textContent()).toContain('Workers');
      }
      await page.close();
    });

  it('gives the log the width, wraps on request, and labels levels in words', async () => {
    const page = await app.open('/');
    const job = await app.live.client().start('look.levels', {});
    await page.goto(`${app.live.hub.origin}/#/jobs/${job.id}`);
    await waitForJob(page, 'completed', 4);
    const scroller = page.locator('[data-test=log-scroller]');
    const narrow = (await scroller.boundingBox())?.width ?? 0;
    await page.locator('[data-test=toggle-panels]').click();
    await expect
      .poll(async () => (await scroller.boundingBox())?.width ?? 0)
      .toBeGreaterThan(narrow + 200);
    expect(await page.locator('[data-test=job-side]').isVisible()).toBe(false);

    const levels = page.locator('[data-test=log-level]');
    expect(await levels.allTextContents()).toEqual(['warn', 'error']);
    expect(await page.locator('[data-test=log-row][data-level=error]').textContent()).toContain(
      'an error',
    );

    const long = page.locator('[data-test=log-row][data-line="4"]');
    expect((await long.boundingBox())?.height).toBe(20);
    await page.locator('[data-test=log-wrap]').check();
    await expect.poll(async () => (await long.boundingBox())?.height ?? 0).toBeGreaterThan(40);
    expect(await long.locator('.text').isVisible()).toBe(true);
    await screenshot(page, 'log-wrapped');
    await page.locator('[data-test=toggle-panels]').click();
  });
});
