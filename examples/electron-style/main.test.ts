/** The Electron-style main process, run as a desktop app runs it, against real Python workers. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createClient } from '@sidecast/client';
import { descendants, followJob, running } from '@sidecast/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('main.mjs', import.meta.url));

type AppEvent =
  | { event: 'ready'; url: string }
  | { event: 'status'; state: string; workers: number }
  | { event: 'stopped' };

/** The app's main process and every line it has told its window so far. */
function startApp(dataDir: string): {
  child: ChildProcessWithoutNullStreams;
  told: AppEvent[];
  next(kind: AppEvent['event']): Promise<AppEvent>;
} {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, APP_DATA_DIR: dataDir } });
  const told: AppEvent[] = [];
  const waiting: { kind: string; resolve(event: AppEvent): void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = JSON.parse(line) as AppEvent;
    told.push(event);
    for (const waiter of waiting.filter((entry) => entry.kind === event.event)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  });
  return {
    child,
    told,
    next: (kind) => new Promise((resolve) => waiting.push({ kind, resolve })),
  };
}

describe('the Electron-style main process', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sidecast-electron-style-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts the hub, shows its page, follows its status, and stops it all on quit', async () => {
    const app = startApp(dataDir);
    const ready = await app.next('ready');
    if (ready.event !== 'ready') throw new Error('not the ready event');
    const url = new URL(ready.url);
    expect(url.hash).toMatch(/^#token=[\w-]{43}$/);

    const page = await fetch(ready.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app"');

    const client = createClient({ url: url.origin, token: url.hash.slice('#token='.length) });
    const events = await followJob(client, 'demo.stream', { lines: 5, rate: 0 });
    client.close();
    expect(events.filter((event) => event.kind === 'log')).toHaveLength(5);
    expect(app.told).toContainEqual({ event: 'status', state: 'ready', workers: 1 });

    const workers = descendants(app.child.pid ?? 0).map((entry) => entry.pid);
    expect(workers.length).toBeGreaterThan(0);
    const stopped = app.next('stopped');
    app.child.kill('SIGTERM');
    await stopped;
    const [code] = (await once(app.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(running(workers)).toEqual([]);
  });
});
