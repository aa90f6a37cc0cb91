import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitForJob, type AppUnderTest } from './app-under-test.js';
import { screenshot } from './browser.js';

describe('artifacts and interactive jobs', () => {
  let app: AppUnderTest;
  let folder: string;
  beforeAll(async () => {
    app = await startApp();
    folder = await mkdtemp(join(tmpdir(), 'sidecast-e2e-files-'));
    await writeFile(join(folder, 'a.txt'), 'alpha\n');
    await writeFile(join(folder, 'b.csv'), 'name,score\nada,3\nbob,\ncy,5\n');
  });
  afterEach(() => app.closePages());
  afterAll(async () => {
    await app.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('downloads the SHA256SUMS that files.checksum wrote', async () => {
    const page = await app.open('/new/files.checksum');
    const form = page.locator('[data-test=new-job-form]');
    await form.locator('input[name=root]').fill(folder);
    await form.locator('[data-test=start-job]').click();
    await waitForJob(page, 'completed');
    const link = page.locator('[data-test=artifact-link][data-path=SHA256SUMS]');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('SHA256SUMS');
    const saved = await readFile(await download.path(), 'utf8');
    const sha = createHash('sha256').update('alpha\n').digest('hex');
    expect(saved).toContain(sha);
    await screenshot(page, 'job-artifacts');
  });

  it('profiles a CSV and offers both reports', async () => {
    const page = await app.open('/new/data.profile_csv');
    const form = page.locator('[data-test=new-job-form]');
    await form.locator('input[name=path]').fill(join(folder, 'b.csv'));
    await form.locator('[data-test=start-job]').click();
    await waitForJob(page, 'completed');
    const names = page.locator('[data-test=artifact-open]');
    await expect(names.allInnerTexts()).resolves.toEqual(
      expect.arrayContaining(['report.json', 'report.html']),
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-test=artifact-link][data-path="report.json"]').click(),
    ]);
    const report = JSON.parse(await readFile(await download.path(), 'utf8')) as { rows: number };
    expect(report.rows).toBe(3);
  });

  it('holds a demo.chat conversation that two pages both see', async () => {
    const first = await app.open('/new/demo.chat');
    await first.locator('[data-test=new-job-form] [data-test=start-job]').click();
    await first.waitForURL(/#\/jobs\//);
    await first.locator('[data-test=state-pill][data-state=running]').first().waitFor();
    const second = await app.open(new URL(first.url()).hash.slice(1));

    await first.locator('[data-test=chat-input]').fill('hello from one');
    await first.locator('[data-test=chat-send]').click();
    const reply =
      'You said "hello from one": 3 words, 14 characters. Backwards it reads "eno morf olleh".';
    for (const page of [first, second]) {
      await page
        .locator('[data-test=chat-turn][data-from=viewer]', { hasText: 'hello from one' })
        .waitFor();
      await page.locator('[data-test=chat-turn][data-from=job]', { hasText: reply }).waitFor();
    }
    await screenshot(second, 'job-chat');

    await second.locator('[data-test=chat-input]').fill('{"end": true}');
    await second.locator('[data-test=chat-send]').click();
    await Promise.all([waitForJob(first, 'completed'), waitForJob(second, 'completed')]);
    await expect(
      first.locator('[data-test=result][data-shape=fields]').textContent(),
    ).resolves.toMatch(/turns\s*1/);
  });
});
