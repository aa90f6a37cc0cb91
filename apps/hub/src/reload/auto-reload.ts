/**
 * `--reload`: a change to the job code reloads the pool (what `POST /api/sidecar/reload`
 * does). A change that lands while a reload is under way is not lost: one more reload runs
 * once it ends, so the workers always end up on the newest code.
 */
import { isAbsolute, relative } from 'node:path';
import type { Logger } from '../logger.js';
import type { Supervisor } from '../supervisor/index.js';
import { JobsWatcher, type JobsWatcherOptions } from './jobs-watcher.js';
import { watchedPaths } from './watched-paths.js';

export class AutoReload {
  private readonly watcher: JobsWatcher;
  private pending = false;

  constructor(
    private readonly supervisor: Supervisor,
    jobs: readonly string[],
    private readonly cwd: string,
    private readonly log: Logger,
    options?: JobsWatcherOptions,
  ) {
    const paths = watchedPaths(jobs, cwd);
    for (const target of paths.unwatched)
      log('warning', `--reload: no source of --jobs ${target} under ${cwd}; it is not watched`);
    this.watcher = new JobsWatcher(
      paths,
      (files) => {
        this.changed(files);
      },
      options,
      (error) => {
        log('warning', `--reload: watching the job code failed: ${error.message}`);
      },
    );
  }

  ready(): Promise<void> {
    return this.watcher.ready();
  }

  close(): Promise<void> {
    return this.watcher.close();
  }

  private changed(files: string[]): void {
    const shown = files
      .map((file) => {
        const inside = relative(this.cwd, file);
        return inside.startsWith('..') || isAbsolute(inside) ? file : inside;
      })
      .join(', ');
    this.log('info', `job code changed (${shown}): reloading`);
    this.reload();
  }

  private reload(): void {
    const inFlight = this.supervisor.reloading;
    if (inFlight !== undefined) {
      if (this.pending) return;
      this.pending = true;
      void inFlight.then(() => {
        this.pending = false;
        this.reload();
      });
      return;
    }
    try {
      void this.supervisor.reload();
    } catch {
      // The hub is stopping: nothing to reload.
    }
  }
}
