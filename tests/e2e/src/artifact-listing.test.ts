/**
 * A job's artifacts are every file in its artifacts folder: those `ctx.write_artifact`
 * announced, and those the job wrote straight into `ctx.artifacts_dir`, which the app learns
 * of from the hub's listing once the job has ended.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitForJob, type AppUnderTest } from './app-under-test.js';

const JOBS = `
from sidecast import Context, job


@job("mine.files")
def files(ctx: Context) -> None:
    ctx.write_artifact("announced.txt", "hello\\n")
    (ctx.artifacts_dir / "straight.csv").write_text("a,b\\n1,2\\n")
`;

describe('the artifact list', () => {
  let app: AppUnderTest;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sidecast-e2e-listing-'));
    const file = join(dir, 'file_jobs.py');
    await writeFile(file, JOBS);
    app = await startApp({ supervisor: { jobs: [file] } });
  });
  afterAll(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the files written straight into the artifacts folder too, as the hub lists them', async () => {
    const client = app.live.client();
    const { id } = await client.start('mine.files', {});
    const page = await app.open(`/jobs/${id}`);
    await waitForJob(page, 'completed');
    const names = page.locator('[data-test=artifact-open]');
    await expect
      .poll(() => names.allInnerTexts(), { timeout: 5000 })
      .toEqual(['announced.txt', 'straight.csv']);
    const listed = (await client.artifacts(id)).map(({ path }) => path).sort();
    expect(listed).toEqual(['announced.txt', 'straight.csv']);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-test=artifact-link][data-path="straight.csv"]').click(),
    ]);
    expect(await readFile(await download.path(), 'utf8')).toBe('a,b\n1,2\n');
  });
});
