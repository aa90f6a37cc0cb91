/**
 * Reloading the job code (DESIGN §3.4, §8) with real workers and a real `--jobs` file:
 * `POST /api/sidecar/reload`, `--reload` watching the file, and failing fast at start-up.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorBody, SidecarStatus, type Job } from '@sidecast/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHub } from '../src/hub.js';
import { startTestHub, waitFor, type TestHub } from './test-hub.js';

let hub: TestHub | undefined;
let dir: string;
let file: string;

/** `my_jobs.py` whose jobs report `version`; `extra` adds one more job type. */
const jobsSource = (version: string, extra = ''): string => `from sidecast import Context, job


@job("mine.version")
def version() -> str:
    return "${version}"


@job("mine.slow")
def slow(ctx: Context, seconds: float = 1.0) -> str:
    ctx.sleep(seconds)
    return "${version}"
${extra}`;

const ADDED = `

@job("mine.added")
def added() -> int:
    return 1
`;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sidecast-reload-'));
  file = join(dir, 'my_jobs.py');
  await writeFile(file, jobsSource('v1'));
});

afterEach(async () => {
  await hub?.stop();
  hub = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function result(jobType: string, params = {}): Promise<Job> {
  if (hub === undefined) throw new Error('no hub');
  const job = await hub.start(jobType, params);
  return hub.finished(job.id);
}

async function reloaded(): Promise<SidecarStatus> {
  if (hub === undefined) throw new Error('no hub');
  await waitFor(() => hub?.supervisor.status().reloading === false, 15_000);
  return SidecarStatus.parse(await hub.sidecar());
}

describe('POST /api/sidecar/reload', () => {
  it('runs new jobs on the new code while a running job finishes on the old worker', async () => {
    hub = await startTestHub({ supervisor: { jobs: [file], workers: 2 } });
    const running = await hub.start('mine.slow', { seconds: 1.5 });
    await waitFor(() => hub?.jobs.get(running.id)?.state === 'running');
    const oldPid = (await hub.sidecar()).workers.find((w) => w.jobId === running.id)?.pid;
    await writeFile(file, jobsSource('v2', ADDED));

    const asked = await hub.post('/api/sidecar/reload');
    expect(asked.status).toBe(202);
    expect(SidecarStatus.parse(await asked.json()).reloading).toBe(true);
    const again = await hub.post('/api/sidecar/reload');
    expect(again.status).toBe(409);
    expect(ErrorBody.parse(await again.json()).error).toMatchObject({
      code: 'conflict',
      message: 'a reload is already under way; wait for it to finish',
    });

    const status = await reloaded();
    expect(status.loadError).toBeUndefined();
    expect(status.jobTypes?.map((t) => t.name)).toContain('mine.added');
    expect(status.workers.find((w) => w.pid === oldPid)).toMatchObject({
      state: 'busy',
      jobId: running.id,
      draining: true,
    });
    expect((await result('mine.version')).result).toBe('v2');
    expect((await result('mine.added')).state).toBe('completed');

    const finished = await hub.finished(running.id);
    expect(finished).toMatchObject({ state: 'completed', result: 'v1' });
    await waitFor(
      async () => (await hub?.sidecar())?.workers.every((w) => w.pid !== oldPid) === true,
    );
  });

  it('keeps the old workers serving when the new code does not import, and says why', async () => {
    hub = await startTestHub({ supervisor: { jobs: [file] } });
    expect((await result('mine.version')).result).toBe('v1');
    await writeFile(file, 'from sidecast import job\n\ndef broken(:\n');
    expect((await hub.post('/api/sidecar/reload')).status).toBe(202);

    const failed = await reloaded();
    expect(failed.state).toBe('ready');
    expect(failed.loadError?.split('\n')[0]).toBe(
      `--jobs ${file}: ${file}, line 3: SyntaxError: invalid syntax`,
    );
    expect((await result('mine.version')).result).toBe('v1');

    await writeFile(file, jobsSource('v3'));
    expect((await hub.post('/api/sidecar/reload')).status).toBe(202);
    expect((await reloaded()).loadError).toBeUndefined();
    expect((await result('mine.version')).result).toBe('v3');
  });

  it('holds a job sent during the reload for the new code', async () => {
    hub = await startTestHub({ supervisor: { jobs: [file] } });
    await hub.supervisor.ensureReady();
    await writeFile(file, jobsSource('v2'));
    expect((await hub.post('/api/sidecar/reload')).status).toBe(202);
    const job = await hub.start('mine.version');
    expect((await hub.finished(job.id)).result).toBe('v2');
  });
});

describe('--reload', () => {
  it('starts with code that does not import, shows why, and serves it once the file is fixed', async () => {
    await writeFile(file, 'import no_such_module_for_sidecast\n');
    hub = await startTestHub({ checkJobs: true, reload: true, supervisor: { jobs: [file] } });
    await waitFor(() => hub?.supervisor.state === 'circuit_open');
    const broken = await hub.sidecar();
    expect(broken.loadError?.split('\n')[0]).toBe(
      `--jobs ${file}: ${file}, line 1: ModuleNotFoundError: No module named 'no_such_module_for_sidecast'`,
    );
    const refused = await hub.post('/api/jobs', { jobType: 'demo.stream', params: {} });
    expect(refused.status).toBe(503);
    expect(ErrorBody.parse(await refused.json()).error.message).toContain(broken.loadError);

    await writeFile(file, jobsSource('v1'));
    await waitFor(() => hub?.supervisor.jobTypes?.some((t) => t.name === 'mine.version') === true);
    expect((await result('mine.version')).result).toBe('v1');
    expect(hub.supervisor.status().loadError).toBeUndefined();

    // Saving again reloads again, without a request: every worker from before is replaced.
    const before = new Set(hub.supervisor.status().workers.map((w) => w.pid));
    await writeFile(file, jobsSource('v2', ADDED));
    await waitFor(() => {
      const status = hub?.supervisor.status();
      return status?.reloading === false && status.workers.every((w) => !before.has(w.pid));
    }, 15_000);
    expect(hub.supervisor.jobTypes?.map((t) => t.name)).toContain('mine.added');
    expect((await result('mine.version')).result).toBe('v2');
  });

  it('watches the .py files beside the --jobs file too', async () => {
    await writeFile(join(dir, 'helper.py'), 'WORD = "one"\n');
    await writeFile(
      file,
      'from sidecast import job\nimport helper\n\n@job("mine.word")\ndef word() -> str:\n    return helper.WORD\n',
    );
    hub = await startTestHub({ checkJobs: true, reload: true, supervisor: { jobs: [file] } });
    expect((await result('mine.word')).result).toBe('one');
    await writeFile(join(dir, 'helper.py'), 'WORD = "two"\n');
    await waitFor(async () => (await result('mine.word')).result === 'two', 15_000);
  });
});

describe('startHub with checkJobs', () => {
  it('rejects with the file, line and error when the job code does not import', async () => {
    await writeFile(file, 'x = 1\nraise RuntimeError("not today")\n');
    const dataDir = join(dir, 'data');
    await expect(
      startHub({ port: 0, dataDir, checkJobs: true, supervisor: { jobs: [file] } }),
    ).rejects.toThrow(new RegExp(`^--jobs ${file}: ${file}, line 2: RuntimeError: not today\n`));
  });
});

describe('POST /api/sidecar/restart after a reload', () => {
  it('stops the workers still draining too, ending their jobs as a restart does', async () => {
    hub = await startTestHub({ supervisor: { jobs: [file], workers: 2 } });
    const running = await hub.start('mine.slow', { seconds: 30 });
    await waitFor(() => hub?.jobs.get(running.id)?.state === 'running');
    expect((await hub.post('/api/sidecar/reload')).status).toBe(202);
    await reloaded();
    expect((await hub.sidecar()).workers.some((w) => w.draining === true)).toBe(true);
    expect((await hub.post('/api/sidecar/restart')).status).toBe(202);
    const ended = await hub.finished(running.id);
    expect(ended.state).toBe('cancelled');
    expect((await hub.storedEvents(running.id)).at(-1)).toMatchObject({
      reason: 'the sidecar was restarted',
    });
    await waitFor(
      async () => (await hub?.sidecar())?.workers.every((w) => w.draining !== true) === true,
    );
  });
});
