/**
 * A job author's loop in the browser against a real hub and real workers: edit the
 * `--jobs` file, press Reload, and the form follows without a page reload; break the file
 * and the banner says where, while the workers from before keep serving.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitForJob, type AppUnderTest } from './app-under-test.js';
import { screenshot } from './browser.js';

const source = (extra: string): string => `from typing import Annotated
from sidecast import Param, job


@job("mine.greet", title="Greet")
def greet(name: str = "world", times: Annotated[int, Param(minimum=1, maximum=5)] = 1) -> str:
    """Says hello.

    Args:
        name: Who to greet.
        times: How many times.
    """
    for _ in range(times):
        print(f"hello {name}")
    return name
${extra}`;

const SHOUT = `

@job("mine.shout", title="Shout")
def shout(word: str = "hey") -> str:
    """Says it louder."""
    print(word.upper())
    return word.upper()
`;

describe('authoring jobs', () => {
  let app: AppUnderTest;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sidecast-e2e-jobs-'));
    file = join(dir, 'my_jobs.py');
    await writeFile(file, source(''));
    app = await startApp({ supervisor: { jobs: [file] } });
  });
  afterAll(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows descriptions and limits, and a new job type after Reload, without a page reload', async () => {
    const page = await app.open('/new/mine.greet');
    const form = page.locator('[data-test=new-job-form]');
    await expect(form.locator('[data-test=field-name]').textContent()).resolves.toContain(
      'Who to greet.',
    );
    await expect(form.locator('[data-test=field-times]').textContent()).resolves.toContain('1 – 5');
    await form.locator('input[name=times]').fill('9');
    await form.locator('[data-test=start-job]').click();
    await expect(form.locator('[data-test=field-error]').textContent()).resolves.toContain(
      'must be at most 5',
    );
    await form.locator('input[name=name]').fill('you');

    await writeFile(file, source(SHOUT));
    await page.locator('[data-test=reload-sidecar]').click();
    await page.locator('[data-test="job-type-mine.shout"]').waitFor();
    // The form of the job type that did not change keeps what was typed.
    expect(await form.locator('input[name=name]').inputValue()).toBe('you');
    await screenshot(page, 'reloaded-form');

    await page.locator('[data-test="job-type-mine.shout"]').click();
    await form.locator('[data-test=start-job]').click();
    await waitForJob(page, 'completed', 1);
    await page.locator('[data-test=log-row]', { hasText: 'HEY' }).waitFor();
  });

  it('shows where the code broke, keeps serving the old code, and clears once it is fixed', async () => {
    const page = await app.open('/new/mine.greet');
    await writeFile(file, `${source('')}\ndef broken(:\n`);
    await page.locator('[data-test=reload-sidecar]').click();
    const banner = page.locator('[data-test=sidecar-banner]');
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toContain(
      'The workers from before the change keep serving',
    );
    await expect(page.locator('[data-test=load-error]').textContent()).resolves.toMatch(
      new RegExp(`^--jobs ${file}: ${file}, line \\d+: SyntaxError: invalid syntax`),
    );
    await screenshot(page, 'load-error-banner');

    const form = page.locator('[data-test=new-job-form]');
    await form.locator('[data-test=start-job]').click();
    await waitForJob(page, 'completed', 1);

    await writeFile(file, source(''));
    await page.goto(`${app.live.hub.origin}/#/new/mine.greet`);
    await page.locator('[data-test=reload-from-banner]').click();
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
  });
});
