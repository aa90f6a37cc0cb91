/**
 * The job author's command line, as a process: `sidecast --jobs` failing fast on code that
 * does not import, `--reload` staying up instead, and `sidecast reload`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SidecarStatus } from '@sidecast/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSidecast, spawnHub, type CommandRun } from './hub-process.js';
import { startTestHub, waitFor, type TestHub } from './test-hub.js';

function sidecast(args: string[], cwd: string): Promise<CommandRun> {
  return runSidecast(args, { cwd });
}

let dir: string;
let hub: TestHub | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sidecast-author-'));
});

afterEach(async () => {
  await hub?.stop();
  hub = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('sidecast --jobs', () => {
  const broken: [string, string, string][] = [
    ['a syntax error', 'x = 1\ndef f(:\n', 'jobs.py, line 2: SyntaxError: invalid syntax'],
    [
      'an import error',
      'import no_such_pkg_here\n',
      "jobs.py, line 1: ModuleNotFoundError: No module named 'no_such_pkg_here'",
    ],
    [
      'a duplicate job name',
      'from sidecast import job\n\n@job("demo.stream")\ndef mine(): ...\n',
      'jobs.py, line 3: job type "demo.stream" is defined twice: by sidecast.jobs.stream.stream and by jobs.mine',
    ],
    [
      'an unsupported parameter type',
      'from sidecast import job\n\n@job("x.y")\ndef f(d: dict): ...\n',
      "jobs.py, line 3: jobs.f: parameter 'd': dict is not supported",
    ],
  ];
  for (const [what, source, message] of broken)
    it(`exits 1 before it is ready on ${what}, naming the file, the line and the error first`, async () => {
      await writeFile(join(dir, 'jobs.py'), source);
      const run = await sidecast(['--port', '0', '--data-dir', 'data', '--jobs', 'jobs.py'], dir);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')[0]).toMatch(
        new RegExp(`^sidecast error: --jobs jobs\\.py: ${escape(message)}`),
      );
    });

  it('exits 1 for a file that is not there', async () => {
    const run = await sidecast(['--port', '0', '--data-dir', 'data', '--jobs', 'nope.py'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(
      `sidecast error: --jobs nope.py: no such file (${join(dir, 'nope.py')})`,
    );
  });

  it('stays up with --reload, shows the error, and serves the jobs once the file is fixed', async () => {
    const file = join(dir, 'jobs.py');
    await writeFile(file, 'def f(:\n');
    const running = await spawnHub(['--reload', '--jobs', file], {
      chaosJobs: false,
      cwd: dir,
      captureStderr: true,
    });
    try {
      const status = SidecarStatus.parse(await (await running.api('/api/sidecar')).json());
      expect(status.state).toBe('circuit_open');
      expect(status.loadError?.split('\n')[0]).toBe(
        `--jobs ${file}: jobs.py, line 1: SyntaxError: invalid syntax`,
      );
      expect(running.stderr()).toContain(`sidecast error: --jobs ${file}: jobs.py, line 1`);
      await writeFile(
        file,
        'from sidecast import job\n\n@job("mine.ok")\ndef ok() -> str:\n    return "ok"\n',
      );
      await waitFor(async () => {
        const types = await (await running.api('/api/job-types')).json().catch(() => ({}));
        return JSON.stringify(types).includes('mine.ok');
      }, 15_000);
    } finally {
      running.child.stdin?.end();
      await running.exited;
    }
  });
});

describe('sidecast reload', () => {
  it('reloads the hub of this folder and lists the job types, or says why not', async () => {
    const file = join(dir, 'jobs.py');
    await writeFile(
      file,
      'from sidecast import job\n\n@job("mine.one")\ndef one() -> int:\n    return 1\n',
    );
    hub = await startTestHub({ supervisor: { jobs: [file] } }, join(dir, 'data'));
    await hub.supervisor.ensureReady();
    const ok = await sidecast(['reload', '--data-dir', 'data'], dir);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toMatch(/^reloaded: 5 job types \(demo\.stream, .*, mine\.one\)\n$/);

    await writeFile(file, 'import no_such_pkg_here\n');
    const failed = await sidecast(['reload', '--data-dir', 'data'], dir);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      'sidecast: the reload failed; the workers from before keep serving:\n' +
        `--jobs ${file}: ${file}, line 1: ModuleNotFoundError`,
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
