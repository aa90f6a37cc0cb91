/**
 * One running hub: the supervisor, the jobs, and the HTTP server in front of them, started
 * and stopped together. The CLI is a thin shell around `startHub`; tests use it directly.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { LIMITS } from '@sidecast/protocol';
import { Gateway } from './gateway/gateway.js';
import { DEFAULT_GATEWAY_OPTIONS, type GatewayOptions } from './gateway/options.js';
import { createApp } from './http/app.js';
import { hubForwarder } from './http/forward.js';
import { hostWithPort, securityPolicy } from './http/security/policy.js';
import { DEFAULT_JOBS_OPTIONS, Jobs, type JobsOptions } from './jobs/index.js';
import { HUB_FILE, removeHubFile, writeHubFile } from './hub-file.js';
import { listen } from './listen.js';
import { AutoReload } from './reload/auto-reload.js';
import { silentLogger, type Logger } from './logger.js';
import { openStore, type ClusterOptions } from './store/open-store.js';
import { Supervisor, type SupervisorOptions } from './supervisor/index.js';
import { HUB_VERSION } from './version.js';

export interface HubOptions {
  host: string;
  port: number;
  /** When the port is busy, try the next ten (on for the default port only). */
  portFallback: boolean;
  dataDir: string;
  token: string;
  /** Start every worker at boot and keep them, instead of growing the pool on demand. */
  eager: boolean;
  /**
   * Import the job code in one worker before listening, and reject with its error (file,
   * line, error) if it does not import: the CLI's fail-fast. With `reload` the hub starts
   * anyway, showing the error, and tries again when the files change.
   */
  checkJobs: boolean;
  /** Watch the `--jobs` files (and the `.py` files beside them) and reload on a change. */
  reload: boolean;
  allowOrigins: readonly string[];
  allowHosts: readonly string[];
  /** The built web app; `undefined` serves none. */
  webRoot: string | undefined;
  /** Sidecar command and supervisor timings (DESIGN §5 defaults otherwise). */
  supervisor: Partial<SupervisorOptions>;
  jobs: Partial<JobsOptions>;
  /** With `--redis`: join that cluster (DESIGN §11) instead of keeping jobs in the data dir. */
  cluster: ClusterOptions | undefined;
  /** Where the other hubs of the cluster reach this one (default: the address it listens on). */
  advertise: string | undefined;
  sseKeepaliveMs: number;
  /** WebSocket limits and timings (DESIGN §6 defaults otherwise). */
  gateway: Partial<GatewayOptions>;
  log: Logger;
}

/** `apps/web/dist` of this repository, found from this file in `src/` or `dist/`. */
export const BUNDLED_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The data dir under the working directory when neither a flag nor the environment names one. */
export const DEFAULT_DATA_DIR = '.sidecast';

export const DEFAULT_HUB_OPTIONS: Omit<HubOptions, 'token'> = {
  host: '127.0.0.1',
  port: 8765,
  portFallback: true,
  dataDir: process.env.SIDECAST_DATA_DIR ?? DEFAULT_DATA_DIR,
  eager: false,
  checkJobs: false,
  reload: false,
  allowOrigins: [],
  allowHosts: [],
  webRoot: existsSync(BUNDLED_WEB_ROOT) ? BUNDLED_WEB_ROOT : undefined,
  supervisor: {},
  jobs: {},
  cluster: undefined,
  advertise: undefined,
  sseKeepaliveMs: LIMITS.sseKeepaliveMs,
  gateway: {},
  log: silentLogger,
};

export interface RunningHub {
  /** The address to open, with the token in the fragment. */
  url: string;
  /** The address without the token: what to log. */
  origin: string;
  port: number;
  token: string;
  app: Hono;
  supervisor: Supervisor;
  jobs: Jobs;
  gateway: Gateway;
  /** Stop taking requests, stop the sidecar (the full ladder), flush every log. */
  close(): Promise<void>;
}

/** A random 256-bit token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The pool could not start a worker at start-up; the hub's log has already said why. */
export class JobCodeError extends Error {
  override readonly name = 'JobCodeError';
}

/** The job code imported by one worker, or the hub stopped with why it did not. */
async function checkJobCode(supervisor: Supervisor, reload: boolean, log: Logger): Promise<void> {
  try {
    await supervisor.ensureReady();
  } catch (error) {
    if (reload) {
      log('info', '--reload: the hub keeps running, and tries again when the job code changes');
      return;
    }
    await supervisor.stop();
    throw new JobCodeError(supervisor.status().loadError ?? (error as Error).message);
  }
}

export async function startHub(overrides: Partial<HubOptions> = {}): Promise<RunningHub> {
  const options: HubOptions = { ...DEFAULT_HUB_OPTIONS, token: newToken(), ...overrides };
  const { log } = options;
  const supervisor = new Supervisor({ eager: options.eager, ...options.supervisor }, log);
  if (options.checkJobs) await checkJobCode(supervisor, options.reload, log);
  const jobsOptions = { ...DEFAULT_JOBS_OPTIONS, ...options.jobs };
  let store;
  try {
    store = await openStore({ ...jobsOptions, dataDir: options.dataDir }, options.cluster, log);
  } catch (error) {
    await supervisor.stop();
    throw error;
  }
  const jobs = await Jobs.open(jobsOptions, supervisor, store, log);
  const server = createServer();
  let port: number;
  try {
    port = await listen(server, options.host, options.port, options.portFallback);
  } catch (error) {
    await jobs.close();
    await store.close();
    throw error;
  }
  const policy = securityPolicy({ ...options, listenHost: options.host, port });
  const gateway = new Gateway(
    { server, policy, jobs, supervisor, presence: store, log, version: HUB_VERSION },
    { ...DEFAULT_GATEWAY_OPTIONS, ...options.gateway },
  );
  const app = createApp({
    jobs,
    supervisor,
    policy,
    log,
    version: HUB_VERSION,
    webRoot: options.webRoot,
    sseKeepaliveMs: options.sseKeepaliveMs,
    forward: hubForwarder((hub) => store.address(hub), options.token),
    gatewayStats: () => gateway.stats(),
  });
  const listener = getRequestListener(app.fetch);
  server.on('request', (request, response) => void listener(request, response));
  const autoReload = options.reload
    ? new AutoReload(supervisor, supervisor.options.jobs, supervisor.options.cwd, log)
    : undefined;
  await autoReload?.ready();
  if (options.eager)
    supervisor.ensureReady().catch((error: unknown) => {
      log('error', `the workers did not start: ${(error as Error).message}`);
    });

  const shownHost =
    options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const origin = `http://${hostWithPort(shownHost, port)}`;
  store.announce(options.advertise ?? origin);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await autoReload?.close();
      await gateway.close();
      await removeHubFile(options.dataDir);
      await supervisor.stop();
      await jobs.close();
      await store.close();
      await closed;
    })());
  try {
    await writeHubFile(options.dataDir, {
      url: origin,
      token: options.token,
      pid: process.pid,
      version: HUB_VERSION,
    });
  } catch (error) {
    // A hub that cannot write to its data dir cannot keep jobs either: stop rather than
    // serve half-working, with the port still taken.
    await close();
    throw new Error(
      `could not write ${HUB_FILE} in the data dir ${options.dataDir}: ${(error as Error).message}`,
    );
  }
  return {
    url: `${origin}/#token=${options.token}`,
    origin,
    port,
    token: options.token,
    app,
    supervisor,
    jobs,
    gateway,
    close,
  };
}
