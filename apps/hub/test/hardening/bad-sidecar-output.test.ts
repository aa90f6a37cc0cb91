import { afterEach, describe, expect, it } from 'vitest';
import type { LogLevel } from '../../src/logger.js';
import { startTestHub, type TestHub } from '../test-hub.js';

async function logTexts(hub: TestHub, jobId: string): Promise<string[]> {
  const events = await hub.storedEvents(jobId);
  return events.flatMap((event) => (event.kind === 'log' ? [event.text] : []));
}

describe('hardening: a sidecar that writes garbage to the protocol pipe', () => {
  let hub: TestHub | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
  });

  it('repairs invalid UTF-8, refuses invalid JSON and unknown types, ignores events for unknown and finished jobs, and keeps serving', async () => {
    const warnings: string[] = [];
    hub = await startTestHub({
      log: (level: LogLevel, message: string) => {
        if (level === 'warning') warnings.push(message);
      },
    });
    const finished = await hub.start('demo.stream', { lines: 3, rate: 0 });
    await hub.finished(finished.id);
    const finishedHead = hub.jobs.job(finished.id).head;
    const before = await hub.sidecar();

    const flood = 10_000;
    const bad = await hub.start('chaos.bad_link', { flood, finished_job: finished.id });
    const job = await hub.finished(bad.id);

    expect(job.state).toBe('completed');
    expect(job.result).toBe(flood);
    const texts = await logTexts(hub, bad.id);
    expect(texts).toContain('bad \uFFFD\uFFFD bytes');
    expect(texts).toContain('still here');
    expect(hub.jobs.job(finished.id).head).toBe(finishedHead);

    const after = await hub.sidecar();
    // Not JSON (the flood, the binary line, the cut-off line) and the unknown type.
    expect(after.rejectedLines - before.rejectedLines).toBe(flood + 3);
    expect(after.state).toBe('ready');
    expect(after.restarts).toBe(before.restarts);
    expect(after.workers.map(({ pid }) => pid)).toEqual(before.workers.map(({ pid }) => pid));
    expect(warnings.some((w) => w.includes('no-such-job'))).toBe(true);
    expect(warnings.some((w) => w.includes(finished.id))).toBe(true);
    // A flood is logged once a second, not once a line.
    expect(warnings.length).toBeLessThan(50);

    const next = await hub.start('demo.stream', { lines: 200, rate: 0 });
    expect((await hub.finished(next.id)).state).toBe('completed');
    const lines = (await logTexts(hub, next.id)).filter((text) => text.startsWith('line '));
    expect(lines).toHaveLength(200);
  });
});
