import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '@sidecast/protocol';
import { startTestHub, type TestHub } from '../test-hub.js';

const MiB = 1024 * 1024;

/** Health round trips over real HTTP while `during` runs; resolves with the slowest, in ms. */
async function slowestHealthCheck(hub: TestHub, during: Promise<unknown>): Promise<number> {
  const state = { done: false };
  void during.finally(() => (state.done = true));
  let slowest = 0;
  let checks = 0;
  while (!state.done || checks === 0) {
    const started = performance.now();
    const response = await fetch(`${hub.origin}/api/health`);
    expect(response.status).toBe(200);
    slowest = Math.max(slowest, performance.now() - started);
    checks += 1;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return slowest;
}

describe('hardening: huge output', () => {
  let hub: TestHub | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
  });

  it('takes 1 GiB of prints: the per-job cap stores the first 16 MiB, says so, and the hub stays responsive', async () => {
    hub = await startTestHub({ jobs: { maxLogCharsPerJob: 16 * MiB } });
    const job = await hub.start('chaos.print_bytes', { megabytes: 1024, line_chars: 8191 });
    const finished = hub.finished(job.id, 240_000);
    const slowest = await slowestHealthCheck(hub, finished);
    const ended = await finished;
    expect(ended, ended.error?.message).toMatchObject({ state: 'completed' });
    expect(ended.result).toBe(1024 * MiB);

    const logs = (await hub.storedEvents(job.id)).filter((event) => event.kind === 'log');
    const printed = logs.filter((event) => event.stream === 'stdout');
    const notices = logs.filter((event) => event.stream === 'log').map((event) => event.text);
    const storedChars = printed.reduce((sum, event) => sum + event.text.length, 0);
    expect(storedChars).toBeGreaterThanOrEqual(16 * MiB);
    expect(storedChars).toBeLessThan(16 * MiB + 8192);
    expect(notices[0]).toContain('reached its cap of 16.0 MiB');
    const total = (1024 * MiB) / 8192;
    expect(notices[1]).toBe(
      `${String(total - printed.length)} lines (${(((total - printed.length) * 8191) / MiB).toFixed(1)} MiB) over the cap were dropped`,
    );
    // Generous: a liveness bound, not a performance target (that is `pnpm bench`).
    expect(slowest).toBeLessThan(2_000);
  }, 300_000);

  it('takes a 50 MiB line with no newline as lines of at most the log line cap, in order', async () => {
    hub = await startTestHub();
    const job = await hub.start('chaos.long_line', { megabytes: 50 });
    const finished = hub.finished(job.id, 120_000);
    const slowest = await slowestHealthCheck(hub, finished);
    const ended = await finished;
    expect(ended, ended.error?.message).toMatchObject({ state: 'completed' });
    const printed = (await hub.storedEvents(job.id)).filter(
      (event) => event.kind === 'log' && event.stream === 'stdout',
    );
    const texts = printed.map((event) => (event.kind === 'log' ? event.text : ''));
    expect(texts.every((text) => text.length <= LIMITS.maxLogLineChars && /^y*$/.test(text))).toBe(
      true,
    );
    expect(texts.reduce((sum, text) => sum + text.length, 0)).toBe(50 * MiB);
    expect(texts).toHaveLength(Math.ceil((50 * MiB) / LIMITS.maxLogLineChars));
    expect(slowest).toBeLessThan(2_000);
    const next = await hub.start('demo.stream', { lines: 10, rate: 0 });
    expect((await hub.finished(next.id)).state).toBe('completed');
  }, 180_000);
});
