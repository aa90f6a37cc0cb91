/**
 * Collapsible groups, written as in GitHub Actions: `::group::name` … `::endgroup::` lines
 * from a real job print folded headers that open and close, and a line link opens its group.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, waitForJob, type AppUnderTest } from './app-under-test.js';
import { screenshot } from './browser.js';

const JOBS = `
from sidecast import job


@job("mine.build")
def build() -> None:
    print("resolving")
    print("::group::Install dependencies")
    for number in range(1, 41):
        print(f"installed package {number}")
    print("::endgroup::")
    print("::group::Compile")
    print("compiled 3 files")
    print("::endgroup::")
    print("built")
`;

describe('log groups', () => {
  let app: AppUnderTest;
  let dir: string;
  let jobId: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sidecast-e2e-groups-'));
    const file = join(dir, 'build_jobs.py');
    await writeFile(file, JOBS);
    app = await startApp({ supervisor: { jobs: [file] } });
    jobId = (await app.live.client().start('mine.build', {})).id;
  });
  afterAll(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const shownLines = (page: Page): Promise<string[]> =>
    page
      .locator('[data-test=log-row]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-line') ?? ''));

  it('folds each group under its name, and opens it in place and folds it again on a click', async () => {
    const page = await app.open(`/jobs/${jobId}`);
    await waitForJob(page, 'completed', 47);
    const groups = page.locator('[data-test=log-group]');
    await expect(groups.allTextContents()).resolves.toEqual([
      expect.stringContaining('Install dependencies'),
      expect.stringContaining('Compile'),
    ]);
    await expect(shownLines(page)).resolves.toEqual(['1', '2', '44', '47']);
    const install = groups.first();
    expect(await install.getAttribute('aria-expanded')).toBe('false');

    await install.click();
    expect(await install.getAttribute('aria-expanded')).toBe('true');
    await page.locator('[data-test=log-row][data-line="42"]').waitFor();
    const lines = await shownLines(page);
    expect(lines).toContain('3');
    expect(lines).not.toContain('43'); // the ::endgroup:: line
    // The group opened where it was: following the tail did not scroll it away.
    const scrollTop = await page
      .locator('[data-test=log-scroller]')
      .evaluate((scroller) => scroller.scrollTop);
    expect(scrollTop).toBe(0);
    await screenshot(page, 'log-groups');
    for (const width of [768, 360]) {
      await page.setViewportSize({ width, height: 760 });
      await screenshot(page, `log-groups-${String(width)}`);
    }

    await install.click();
    await expect.poll(() => shownLines(page)).toEqual(['1', '2', '44', '47']);
  });

  it('opens the group of a linked line, and the filter looks inside folded groups', async () => {
    const page = await app.open(`/jobs/${jobId}?line=30`);
    await page.locator('[data-test=log-row][data-line="30"].marked').waitFor();
    expect(await page.locator('[data-test=log-group]').first().getAttribute('aria-expanded')).toBe(
      'true',
    );

    const other = await app.open(`/jobs/${jobId}`);
    await waitForJob(other, 'completed', 47);
    await other.locator('[data-test=log-filter]').fill('package 4');
    await expect.poll(() => shownLines(other)).toEqual(['6', '42']);
  });
});
