import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSidecast, type CommandRun } from './hub-process.js';
import { startTestHub, type TestHub } from './test-hub.js';

function sidecast(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CommandRun> {
  return runSidecast(args, { env });
}

const lines = (text: string): string[] =>
  text.split('\n').filter((line) => line.startsWith('line '));

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub.stop();
});

describe('sidecast run / logs', () => {
  it('runs a job and follows it to the end, every line in order, exit 0', async () => {
    const run = await sidecast([
      'run',
      'demo.stream',
      '-p',
      'lines=20000',
      '-p',
      'rate=0',
      '--follow',
      '--data-dir',
      hub.dataDir,
    ]);
    expect(run.stderr).toMatch(/^\[job\] \S+ demo\.stream\n/);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual(
      Array.from({ length: 20_000 }, (_, i) => `line ${String(i + 1)} of 20000`),
    );
    expect(run.stdout).toContain('[result] {"lines":20000');
    expect(run.stderr).toContain('[completed]');
  });

  it('prints the id of a job it starts without --follow, and logs prints that job', async () => {
    const run = await sidecast([
      'run',
      'demo.stream',
      '-p',
      'lines=3',
      '-p',
      'rate=0',
      '--data-dir',
      hub.dataDir,
    ]);
    expect(run.code).toBe(0);
    const id = run.stdout.trim();
    expect(hub.jobs.get(id)).toBeDefined();
    await hub.finished(id);
    const logs = await sidecast(['logs', id, '--url', hub.origin, '--token', hub.token]);
    expect(logs.code).toBe(0);
    expect(lines(logs.stdout)).toEqual(['line 1 of 3', 'line 2 of 3', 'line 3 of 3']);
  });

  it('exits 1 when the job fails, with its error on stderr', async () => {
    const run = await sidecast([
      'run',
      'demo.stream',
      '-p',
      'lines=5',
      '-p',
      'rate=0',
      '-p',
      'fail_at=3',
      '-f',
      '--data-dir',
      hub.dataDir,
    ]);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toEqual(['line 1 of 5', 'line 2 of 5']);
    expect(run.stderr).toContain('[failed]');
  });

  it('says clearly what is wrong: bad params, an unknown job, no hub', async () => {
    const bad = await sidecast([
      'run',
      'demo.stream',
      '-p',
      'lines=many',
      '--data-dir',
      hub.dataDir,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^sidecast: .*lines/);
    const unknown = await sidecast(['logs', 'nope', '--data-dir', hub.dataDir]);
    expect(unknown).toMatchObject({ code: 1, stderr: 'sidecast: no job with id nope\n' });
    const nowhere = await sidecast(['logs', 'j1', '--data-dir', '/nonexistent']);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('no hub found');
    const usage = await sidecast(['run']);
    expect(usage.code).toBe(2);
  });
});
