/**
 * Artifacts open as previews in the main pane, each in a tab of its own: an image, HTML in
 * a frame that runs none of its scripts, CSV as a table with its total, JSON as a tree,
 * Markdown with its tags escaped, and a large text file's first part with a download.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitForJob, type AppUnderTest } from './app-under-test.js';
import { screenshot } from './browser.js';

const JOBS = `
import base64
import json

from sidecast import Context, job

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


@job("look.outputs")
def outputs(ctx: Context) -> None:
    ctx.write_artifact("plot.png", PIXEL)
    ctx.write_artifact(
        "report.html",
        "<h1>Quarterly</h1><p>fine</p>"
        "<script>document.body.setAttribute('data-ran', 'yes')</script>",
    )
    rows = "".join(f"{n},{n * n}\\n" for n in range(250))
    ctx.write_artifact("scores.csv", "n,square\\n" + rows)
    ctx.write_artifact("data.json", json.dumps({"name": "ada", "nested": {"deep": 42}, "tags": [1, 2]}))
    ctx.write_artifact("notes.md", "# Notes\\n\\n**bold** <img src=x onerror=alert(1)>\\n")
    ctx.write_artifact("big.txt", "x" * 99 + "\\n" + "y" * 400_000)
`;

/** Open `path` from the artifact list; its preview becomes the shown tab. */
async function openPreview(page: Page, path: string): Promise<void> {
  await page.locator(`[data-test=artifact-open][data-path="${path}"]`).click();
  await page
    .locator(`[data-test=artifact-preview][data-path="${path}"] [data-test=preview-body]`)
    .waitFor();
}

function previewOf(page: Page, path: string) {
  return page.locator(`[data-test=artifact-preview][data-path="${path}"]`);
}

describe('artifact previews', () => {
  let app: AppUnderTest;
  let dir: string;
  let jobId: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sidecast-e2e-previews-'));
    const file = join(dir, 'look_jobs.py');
    await writeFile(file, JOBS);
    app = await startApp({ supervisor: { jobs: [file] } });
    const client = app.live.client();
    jobId = (await client.start('look.outputs', {})).id;
  });
  afterEach(() => app.closePages());
  afterAll(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows an image, in a tab that closes back to the log', async () => {
    const page = await app.open(`/jobs/${jobId}`);
    await waitForJob(page, 'completed');
    await openPreview(page, 'plot.png');
    const image = previewOf(page, 'plot.png').locator('img');
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth))
      .toBe(1);
    const tab = page.locator('[data-test=pane-tab][data-key="artifact:plot.png"]');
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('[data-test=log]').isVisible()).toBe(false);

    await page.locator('[data-test=pane-tab-close]').click();
    await expect.poll(() => tab.count()).toBe(0);
    expect(await page.locator('[data-test=log]').isVisible()).toBe(true);
  });

  it('shows HTML in a sandboxed frame where its scripts do not run', async () => {
    const page = await app.open(`/jobs/${jobId}`);
    await waitForJob(page, 'completed');
    await openPreview(page, 'report.html');
    const frame = previewOf(page, 'report.html').locator('iframe');
    expect(await frame.getAttribute('sandbox')).toBe('');
    const inside = page.frameLocator('[data-test=artifact-preview] iframe');
    await expect.poll(() => inside.locator('h1').textContent()).toBe('Quarterly');
    expect(await inside.locator('body').getAttribute('data-ran')).toBeNull();
  });

  it('shows a CSV as a table with its first rows and the total', async () => {
    const page = await app.open(`/jobs/${jobId}`);
    await waitForJob(page, 'completed');
    await openPreview(page, 'scores.csv');
    const preview = previewOf(page, 'scores.csv');
    expect(await preview.locator('[data-test=table-count]').textContent()).toContain(
      'First 200 of 250 rows',
    );
    expect(await preview.locator('th').allInnerTexts()).toEqual(['n', 'square']);
    expect(await preview.locator('tbody tr').count()).toBe(200);
    expect(await preview.locator('tbody tr').nth(12).locator('td').allInnerTexts()).toEqual([
      '12',
      '144',
    ]);
  });

  it('shows JSON as a tree whose nodes open and close', async () => {
    const page = await app.open(`/jobs/${jobId}`);
    await waitForJob(page, 'completed');
    await openPreview(page, 'data.json');
    const preview = previewOf(page, 'data.json').locator('[data-test=preview-body]');
    const nested = preview.locator('[data-test=json-toggle]', { hasText: 'nested' });
    expect(await nested.getAttribute('aria-expanded')).toBe('false');
    expect(await preview.textContent()).not.toContain('42');
    await nested.click();
    expect(await nested.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => preview.textContent()).toContain('42');
  });

  it('renders Markdown with the tags it holds shown as text', async () => {
    const page = await app.open(`/jobs/${jobId}`);
    await waitForJob(page, 'completed');
    await openPreview(page, 'notes.md');
    const body = previewOf(page, 'notes.md').locator('[data-test=preview-body]');
    expect(await body.locator('h1').textContent()).toBe('Notes');
    expect(await body.locator('strong').textContent()).toBe('bold');
    expect(await body.locator('img').count()).toBe(0);
    expect(await body.textContent()).toContain('<img src=x onerror=alert(1)>');
  });

  it('shows the first part of a large file, and downloads the whole', async () => {
    const page = await app.open(`/jobs/${jobId}`);
    await waitForJob(page, 'completed');
    await openPreview(page, 'big.txt');
    const preview = previewOf(page, 'big.txt');
    await preview.locator('[data-test=cut]').waitFor();
    const shown = (await preview.locator('pre').textContent()) ?? '';
    expect(shown.length).toBeGreaterThan(1000);
    expect(shown.length).toBeLessThan(400_100);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      preview.locator('[data-test=preview-download]').click(),
    ]);
    expect((await readFile(await download.path(), 'utf8')).length).toBe(400_100);
  });

  it("shows data.profile_csv's HTML report in the app", async () => {
    await writeFile(join(dir, 'people.csv'), 'name,age\nada,36\nbob,\n');
    const client = app.live.client();
    const { id } = await client.start('data.profile_csv', { path: join(dir, 'people.csv') });
    const page = await app.open(`/jobs/${id}`);
    await waitForJob(page, 'completed');
    await openPreview(page, 'report.html');
    const inside = page.frameLocator('[data-test=artifact-preview] iframe');
    await expect.poll(() => inside.locator('body').textContent()).toContain('age');
    for (const width of [360, 768, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await screenshot(page, `preview-report-${String(width)}`);
    }
  });
});
