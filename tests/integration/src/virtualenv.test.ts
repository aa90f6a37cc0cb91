/**
 * `python/` as a package in a virtualenv, as DESIGN §8 has authors use it: installed with
 * pip (offline), importable with `sidecast.testing` for the author's unit tests, and that
 * virtualenv's Python running the hub's workers beside a package only it has.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { isTerminal, jobChannel, type JobEvent } from '@sidecast/protocol';
import { startLiveHub, waitFor, type LiveHub } from '@sidecast/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PYTHON_PACKAGE = fileURLToPath(new URL('../../../python', import.meta.url));

const JOBS = `import sys

import only_in_this_venv
from sidecast import job


@job("venv.where")
def where() -> dict:
    """Reports which Python runs it, and a value from a package only the venv has."""
    return {"prefix": sys.prefix, "answer": only_in_this_venv.ANSWER}
`;

const AUTHOR_TEST = `import unittest

from sidecast.testing import run_job
from my_jobs import where


class WhereTest(unittest.TestCase):
    def test_reports_the_answer(self) -> None:
        self.assertEqual(run_job(where).result["answer"], 42)


if __name__ == "__main__":
    unittest.main()
`;

describe('a virtualenv with sidecast installed', () => {
  let dir: string;
  let python: string;
  let live: LiveHub | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sidecast-venv-'));
    await run('python3', ['-m', 'venv', join(dir, 'venv')]);
    python = join(dir, 'venv', 'bin', 'python');
    await run(python, [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--no-deps',
      '--no-build-isolation',
      '--no-index',
      PYTHON_PACKAGE,
    ]);
    // A third-party package stands in for numpy: installed in the venv, nowhere else.
    const { stdout } = await run(python, [
      '-c',
      'import sysconfig; print(sysconfig.get_paths()["purelib"])',
    ]);
    await writeFile(join(stdout.trim(), 'only_in_this_venv.py'), 'ANSWER = 42\n');
    await writeFile(join(dir, 'my_jobs.py'), JOBS);
    await writeFile(join(dir, 'test_my_jobs.py'), AUTHOR_TEST);
  }, 120_000);
  afterAll(async () => {
    await live?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('imports sidecast from its own site-packages, not from this repository', async () => {
    const { stdout } = await run(
      python,
      ['-c', 'import sidecast, sidecast.testing; print(sidecast.__file__)'],
      {
        cwd: tmpdir(),
      },
    );
    expect(stdout.startsWith(join(dir, 'venv', 'lib'))).toBe(true);
    expect(stdout).toContain('site-packages/sidecast/__init__.py');
  });

  it("runs the author's unittest of a job with run_job", async () => {
    const { stderr } = await run(python, ['-m', 'unittest', 'test_my_jobs'], { cwd: dir });
    expect(stderr).toMatch(/Ran 1 test.*\n\nOK/s);
  });

  it("is the hub's --python: a job imports what only the venv has", async () => {
    live = await startLiveHub({
      checkJobs: true,
      supervisor: { python, jobs: [join(dir, 'my_jobs.py')], cwd: dir },
    });
    const client = live.client();
    const job = await client.start('venv.where', {});
    const events: JobEvent[] = [];
    client.subscribe(jobChannel(job.id), {
      onEvents: (batch) => {
        events.push(...batch);
      },
    });
    await waitFor(() => events.some(isTerminal), 15_000);
    expect(events.find((event) => event.kind === 'result')).toMatchObject({
      value: { prefix: join(dir, 'venv'), answer: 42 },
    });
  });
});
