/**
 * Watches the job code's `.py` files and calls back once per burst of changes.
 *
 * chokidar rather than bare `fs.watch`: editors save by writing a temporary file and
 * renaming it over the old one, which a watch on the file itself stops following, and a
 * recursive watch of a package needs new subfolders picked up; chokidar handles both on
 * every platform, and is what Vite and webpack's watchers are built on.
 */
import { watch, type FSWatcher } from 'chokidar';
import type { WatchedPaths } from './watched-paths.js';

export interface JobsWatcherOptions {
  /** Changes closer together than this are one reload (an editor's save is several events). */
  debounceMs: number;
}

export const DEFAULT_JOBS_WATCHER_OPTIONS: JobsWatcherOptions = { debounceMs: 150 };

const SKIPPED_FOLDERS = /(^|[/\\])(__pycache__|node_modules|\.[^/\\]+)([/\\]|$)/;

export class JobsWatcher {
  private readonly watchers: FSWatcher[];
  private timer: NodeJS.Timeout | undefined;
  private changed = new Set<string>();

  constructor(
    paths: WatchedPaths,
    private readonly onChange: (files: string[]) => void,
    private readonly options: JobsWatcherOptions = DEFAULT_JOBS_WATCHER_OPTIONS,
    onError: (error: Error) => void = () => undefined,
  ) {
    this.watchers = paths.folders.map(({ path, depth }) =>
      watch(path, {
        ignoreInitial: true,
        depth,
        ignored: (file, stats) =>
          SKIPPED_FOLDERS.test(file.slice(path.length)) ||
          (stats?.isFile() === true && !file.endsWith('.py')),
      })
        .on('all', (_event, file) => {
          if (file.endsWith('.py')) this.note(file);
        })
        .on('error', (error) => {
          onError(error as Error);
        }),
    );
  }

  /** Resolves once every folder is being watched. */
  async ready(): Promise<void> {
    await Promise.all(
      this.watchers.map(
        (watcher) =>
          new Promise<void>((resolve) => {
            watcher.once('ready', () => {
              resolve();
            });
          }),
      ),
    );
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    await Promise.all(this.watchers.map((watcher) => watcher.close()));
  }

  private note(file: string): void {
    this.changed.add(file);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const files = [...this.changed];
      this.changed = new Set();
      this.onChange(files);
    }, this.options.debounceMs);
  }
}
