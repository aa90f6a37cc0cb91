/**
 * A real hub for tests: a fresh data dir, port 0, the real Python sidecar with the chaos
 * jobs loaded, and helpers to call the REST API through `app.request()`.
 */
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  isTerminalState,
  type Job,
  type SidecarStatus,
  type StoredEvent,
} from '@sidecast/protocol';
import { startHub, type HubOptions, type RunningHub } from '../src/hub.js';

export const CHAOS_JOBS = fileURLToPath(new URL('./chaos_jobs.py', import.meta.url));
export const CHAOS_FLAKY = fileURLToPath(new URL('./chaos_flaky.py', import.meta.url));

/**
 * Supervisor timings short enough for tests, same shape as the defaults. The heartbeat keeps
 * its production timings: a hub busy with a job streaming flat out on a loaded machine
 * answers late, and only the test of missed heartbeats wants them short (`FAST_HEARTBEAT`).
 */
export const FAST_SUPERVISOR = {
  readyTimeoutMs: 5_000,
  restartBackoffInitialMs: 20,
  restartBackoffMaxMs: 100,
  shutdownGraceMs: 1_000,
  terminateGraceMs: 500,
};

/** A heartbeat that notices a wedged sidecar within half a second. */
export const FAST_HEARTBEAT = { heartbeatIntervalMs: 150, heartbeatTimeoutMs: 150 };

export interface TestHub extends RunningHub {
  dataDir: string;
  /** Call the API as an authorized same-origin client would. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /**
   * GET `path` exactly as written (dot segments and all) from the real server, with the
   * token unless `headers` says otherwise.
   */
  raw(path: string, headers?: Record<string, string>): Promise<RawResponse>;
  /** POST JSON to the API. */
  post(path: string, body?: unknown): Promise<Response>;
  /** Start a job and return it. */
  start(jobType: string, params?: Record<string, unknown>): Promise<Job>;
  /** Resolve once the job has reached a terminal state. */
  finished(id: string, timeoutMs?: number): Promise<Job>;
  sidecar(): Promise<SidecarStatus>;
  /** The job's whole log as the hub serves it, read page by page. */
  storedEvents(id: string): Promise<StoredEvent[]>;
  /** Close the hub; with `keepData`, leave the data dir for a second hub. */
  stop(keepData?: boolean): Promise<void>;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export async function startTestHub(
  options: Partial<HubOptions> = {},
  dataDir?: string,
): Promise<TestHub> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'sidecast-hub-')));
  const hub = await startHub({
    port: 0,
    portFallback: false,
    dataDir: dir,
    webRoot: undefined,
    ...options,
    supervisor: { jobs: [CHAOS_JOBS], ...FAST_SUPERVISOR, ...options.supervisor },
  });
  const host = `127.0.0.1:${String(hub.port)}`;
  const api = (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (!headers.has('host')) headers.set('host', host);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${hub.token}`);
    return Promise.resolve(hub.app.request(path, { ...init, headers }));
  };
  const post = (path: string, body?: unknown): Promise<Response> =>
    api(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? '' : JSON.stringify(body),
    });
  const raw = (path: string, headers: Record<string, string> = {}): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: hub.port,
          path,
          headers: { authorization: `Bearer ${hub.token}`, ...headers },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  const testHub: TestHub = {
    ...hub,
    dataDir: dir,
    api,
    raw,
    post,
    async start(jobType, params = {}) {
      const response = await post('/api/jobs', { jobType, params });
      const body = (await response.json()) as { job: Job };
      if (response.status !== 201) throw new Error(`start failed: ${JSON.stringify(body)}`);
      return body.job;
    },
    async finished(id, timeoutMs = 15_000) {
      await waitFor(() => {
        const state = hub.jobs.get(id)?.state;
        return state !== undefined && isTerminalState(state);
      }, timeoutMs);
      // Its log closed and its final record on disk, so tests can read the data dir.
      await hub.jobs.settled();
      const job = hub.jobs.get(id);
      if (job === undefined) throw new Error(`job ${id} was removed`);
      return job;
    },
    async sidecar() {
      return (await (await api('/api/sidecar')).json()) as SidecarStatus;
    },
    async storedEvents(id) {
      const log = await hub.jobs.eventLog(id);
      const events: StoredEvent[] = [];
      for (;;) {
        const page = await log.read(events.length, 10_000);
        if (page.length === 0) return events;
        events.push(...page);
      }
    },
    async stop(keepData = false) {
      await hub.close();
      if (!keepData) await rm(dir, { recursive: true, force: true });
    },
  };
  return testHub;
}

/** Poll `condition` every 10 ms until it holds; fail after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${String(timeoutMs)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
