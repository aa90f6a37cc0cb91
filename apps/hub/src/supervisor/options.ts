/** How the pool starts its workers, how many, and how patient it is (DESIGN §5 defaults). */
import { delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIMITS } from '@sidecast/protocol';

export interface SupervisorTimings {
  readyTimeoutMs: number;
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
  heartbeatMaxMisses: number;
  restartBackoffInitialMs: number;
  restartBackoffMaxMs: number;
  restartBackoffJitter: number;
  restartResetAfterMs: number;
  circuitBreakerFailures: number;
  shutdownGraceMs: number;
  terminateGraceMs: number;
  /** A cancelled job still running this long later has its worker's process group killed. */
  cancelGraceMs: number;
  /** A worker beyond the one kept warm stops after this long idle. */
  workerIdleMs: number;
}

export interface SupervisorOptions extends SupervisorTimings {
  /** The Python interpreter to run. */
  python: string;
  /** `--jobs` modules or files, passed through to every worker. */
  jobs: readonly string[];
  /** The most workers at once (`--workers`); each runs one job at a time. */
  workers: number;
  /** Start every worker at boot and keep them (`--eager`), instead of growing on demand. */
  eager: boolean;
  /** A worker whose RSS is above this after a job is replaced (`--worker-max-rss`). */
  workerMaxRssBytes: number | undefined;
  /** The folder holding the `sidecast` Python package, or a `sidecast.pyz`: first on `PYTHONPATH`. */
  sidecarPath: string;
  /** Working directory of the workers, where relative `--jobs` paths resolve. */
  cwd: string;
  /** Environment of the workers (before `PYTHONPATH` is set). */
  env: NodeJS.ProcessEnv;
  stderrTailLines: number;
  maxLineBytes: number;
}

/** This repository's `python/` folder, found from this file in `src/` or `dist/`. */
export const BUNDLED_SIDECAR_PATH = fileURLToPath(new URL('../../../../python', import.meta.url));

export const DEFAULT_SUPERVISOR_OPTIONS: SupervisorOptions = {
  python: 'python3',
  jobs: [],
  workers: LIMITS.defaultWorkers,
  eager: false,
  workerMaxRssBytes: undefined,
  sidecarPath: BUNDLED_SIDECAR_PATH,
  cwd: process.cwd(),
  env: process.env,
  stderrTailLines: LIMITS.stderrTailLines,
  maxLineBytes: LIMITS.maxLineBytes,
  readyTimeoutMs: LIMITS.readyTimeoutMs,
  heartbeatIntervalMs: LIMITS.heartbeatIntervalMs,
  heartbeatTimeoutMs: LIMITS.heartbeatTimeoutMs,
  heartbeatMaxMisses: LIMITS.heartbeatMaxMisses,
  restartBackoffInitialMs: LIMITS.restartBackoffInitialMs,
  restartBackoffMaxMs: LIMITS.restartBackoffMaxMs,
  restartBackoffJitter: LIMITS.restartBackoffJitter,
  restartResetAfterMs: LIMITS.restartResetAfterMs,
  circuitBreakerFailures: LIMITS.circuitBreakerFailures,
  shutdownGraceMs: LIMITS.shutdownGraceMs,
  terminateGraceMs: LIMITS.terminateGraceMs,
  cancelGraceMs: LIMITS.cancelGraceMs,
  workerIdleMs: LIMITS.workerIdleMs,
};

/**
 * The hub's own secrets, read from its environment: job code (and every tool it runs, and
 * any job that logs its environment) must never see them.
 */
export const HUB_SECRETS: readonly string[] = ['SIDECAST_TOKEN'];

/** `env` minus the hub's secrets. */
export function withoutHubSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !HUB_SECRETS.includes(name)));
}

/** The command line that starts a worker. */
export function workerSpawnSpec(options: SupervisorOptions): {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
} {
  const env = withoutHubSecrets(options.env);
  const inherited = env.PYTHONPATH;
  const pythonPath = inherited
    ? `${options.sidecarPath}${delimiter}${inherited}`
    : options.sidecarPath;
  return {
    command: options.python,
    args: ['-m', 'sidecast', ...options.jobs.flatMap((module) => ['--jobs', module])],
    env: { ...env, PYTHONPATH: pythonPath },
    cwd: options.cwd,
  };
}
