/** Running a finished job again, as it was or edited, forms that remember, and results shown as tables (DESIGN §9). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitForJob, type AppUnderTest } from './app-under-test.js';

describe('running a job again', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop());

  it('runs it again with the same params, or edited, and the form remembers the last ones', async () => {
    const page = await app.open('/new/demo.stream');
    const form = page.locator('[data-test=new-job-form]');
    await form.locator('input[name=lines]').fill('4');
    await form.locator('input[name=rate]').fill('0');
    await form.locator('[data-test=start-job]').click();
    await waitForJob(page, 'completed', 4);
    const first = await page.locator('[data-test=job-view]').getAttribute('data-job-id');

    await page.locator('[data-test=run-again]').click();
    await page.locator(`[data-test=job-view]:not([data-job-id="${first ?? ''}"])`).waitFor();
    await waitForJob(page, 'completed', 4);
    const second = await page.locator('[data-test=job-view]').getAttribute('data-job-id');
    expect(second).not.toBe(first);
    expect(app.live.hub.jobs.get(second ?? '')?.params).toEqual({
      lines: 4,
      rate: 0,
    });

    await page.locator('[data-test=edit-and-run]').click();
    await form.waitFor();
    expect(await form.locator('input[name=lines]').inputValue()).toBe('4');
    await form.locator('input[name=lines]').fill('6');
    await form.locator('[data-test=start-job]').click();
    await waitForJob(page, 'completed', 6);

    await page.goto(`${app.live.hub.origin}/#/new/demo.stream`);
    await form.waitFor();
    expect(await form.locator('input[name=lines]').inputValue()).toBe('6');
    expect(await form.locator('input[name=rate]').inputValue()).toBe('0');
  });
});

describe('a result', () => {
  let app: AppUnderTest;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sidecast-e2e-result-'));
    await writeFile(
      join(dir, 'table_jobs.py'),
      'from sidecast import job\n\n@job("look.table")\ndef table() -> list:\n    return [{"file": "a.txt", "bytes": 3}, {"file": "b.txt", "bytes": 5, "new": True}]\n',
    );
    app = await startApp({ supervisor: { jobs: [join(dir, 'table_jobs.py')] } });
  });
  afterAll(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('that is a list of flat objects is a table', async () => {
    const job = await app.live.client().start('look.table', {});
    const page = await app.open(`/jobs/${job.id}`);
    await waitForJob(page, 'completed');
    const table = page.locator('[data-test=result-table]');
    expect(await table.locator('th').allTextContents()).toEqual(['file', 'bytes', 'new']);
    expect(await table.locator('tbody tr').nth(1).locator('td').allTextContents()).toEqual([
      'b.txt',
      '5',
      'true',
    ]);
  });
});
