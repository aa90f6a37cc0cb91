/** `sidecast` with no subcommand: start the hub, say where it is, and take it down cleanly. */
import { resolve } from 'node:path';
import { JobCodeError, startHub, newToken, type RunningHub } from '../hub.js';
import { stderrLogger } from '../logger.js';
import type { CliOptions } from './args.js';
import { openApp } from './open-app.js';

/** Where the web app and the sidecar are, when not this repository's own. */
export interface Payload {
  /** The built web app (default: this repository's `apps/web/dist`). */
  webRoot?: string;
  /** What goes first on the workers' `PYTHONPATH`: a folder or a `sidecast.pyz`. */
  sidecarPath?: string;
}

export async function serve(options: CliOptions, payload: Payload = {}): Promise<void> {
  const log = stderrLogger();
  let hub: RunningHub;
  try {
    hub = await startHub({
      host: options.host,
      port: options.port,
      portFallback: options.portFallback,
      dataDir: resolve(options.dataDir),
      token: options.token ?? newToken(),
      eager: options.eager,
      checkJobs: true,
      reload: options.reload,
      allowOrigins: options.allowOrigins,
      allowHosts: options.allowHosts,
      ...(payload.webRoot === undefined ? {} : { webRoot: payload.webRoot }),
      supervisor: {
        ...(payload.sidecarPath === undefined ? {} : { sidecarPath: payload.sidecarPath }),
        python: options.python,
        jobs: options.jobs,
        workers: options.workers,
        workerMaxRssBytes:
          options.workerMaxRssMb === undefined ? undefined : options.workerMaxRssMb * 2 ** 20,
      },
      jobs: { jobTimeoutS: options.jobTimeoutS, runsJobs: options.redis?.serveOnly !== true },
      cluster:
        options.redis === undefined
          ? undefined
          : { url: options.redis.url, cluster: options.redis.cluster },
      ...(options.redis?.advertise === undefined ? {} : { advertise: options.redis.advertise }),
      log,
    });
  } catch (error) {
    if (!(error instanceof JobCodeError)) log('error', (error as Error).message);
    process.exit(1);
  }
  const running = hub;
  process.on('exit', () => {
    running.supervisor.killNow();
  });

  let stopping = false;
  const stop = (why: string): void => {
    if (stopping) {
      log('warning', `${why} again: stopping now`);
      process.exit(130);
    }
    stopping = true;
    log('info', `${why}: stopping the hub and its workers`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log('error', `stopping failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => {
    stop('interrupted');
  });
  process.on('SIGTERM', () => {
    stop('terminated');
  });
  // Nobody reads stdout any more (EPIPE): under --ready-json that is the parent, gone, so stop
  // as when stdin closes; otherwise nothing else is printed there. Never a crash.
  process.stdout.on('error', () => {
    if (options.readyJson && !stopping) stop('stdout closed');
  });

  if (options.readyJson) {
    process.stdout.write(
      JSON.stringify({
        url: running.url,
        port: running.port,
        token: running.token,
        pid: process.pid,
      }) + '\n',
    );
    process.stdin.on('end', () => {
      stop('stdin closed');
    });
    process.stdin.resume();
  } else {
    process.stdout.write(`Sidecast ready: ${running.url}\n`);
    log('info', `data in ${resolve(options.dataDir)}; press Ctrl-C to stop`);
  }
  if (options.open) openApp(running.url, log);
}
