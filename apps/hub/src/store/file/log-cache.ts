/**
 * Finished jobs' logs, opened when someone reads them and kept for the most recently read
 * few, so 500 retained jobs do not hold 500 rings of events in memory.
 *
 * A finished job's log was whole and fsynced before its record said it ended, so it is
 * read at once, unchecked: the first event of a million-event log is served without
 * reading the other million first. The check of every line, and the index that lets a
 * read deep into the log seek instead of scan, follow in the background.
 */
import { stat } from 'node:fs/promises';
import { EventLog, loadLog, SparseIndex, type EventLogOptions } from '../../event-log/index.js';
import type { Logger } from '../../logger.js';

export class LogCache {
  private readonly logs = new Map<string, Promise<EventLog>>();

  constructor(
    private readonly size: number,
    private readonly options: EventLogOptions,
    private readonly log: Logger,
  ) {}

  /** The log of a finished job (which ended at seq `head`), opened once and then kept. */
  get(id: string, path: string, epoch: string, head: number): Promise<EventLog> {
    let log = this.logs.get(id);
    if (log === undefined) {
      log = this.load(path, epoch, head);
      log.catch(() => this.logs.delete(id));
    } else {
      this.logs.delete(id);
    }
    this.logs.set(id, log);
    this.evict();
    return log;
  }

  /** Keep a log that was live until now, so its readers need no reload. */
  keep(id: string, log: EventLog): void {
    this.logs.set(id, Promise.resolve(log));
    this.evict();
  }

  forget(id: string): void {
    this.logs.delete(id);
  }

  private async load(path: string, epoch: string, head: number): Promise<EventLog> {
    const size = await stat(path).then(
      (stats) => stats.size,
      () => undefined,
    );
    // No file (deleted by hand, say): loading makes an empty, checked log.
    if (size === undefined) return this.loadChecked(path, epoch);
    const index = new SparseIndex(this.options.indexEvery);
    const log = await EventLog.open(path, epoch, { recent: [], head, index, size }, this.options);
    // The job has ended: its log only serves reads, which need no open file handle.
    await log.close();
    loadLog(path, this.options, index).then(
      ({ report }) => {
        if (report.problem !== undefined)
          this.log(
            'warning',
            `${path}: cut ${String(report.droppedBytes)} bytes (${report.problem})`,
          );
      },
      (error: unknown) => {
        this.log('warning', `could not check ${path}: ${(error as Error).message}`);
      },
    );
    return log;
  }

  private async loadChecked(path: string, epoch: string): Promise<EventLog> {
    const { loaded } = await loadLog(path, this.options);
    const log = await EventLog.open(path, epoch, loaded, this.options);
    await log.close();
    return log;
  }

  private evict(): void {
    for (const id of this.logs.keys()) {
      if (this.logs.size <= this.size) return;
      this.logs.delete(id);
    }
  }
}
