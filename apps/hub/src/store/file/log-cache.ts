/**
 * Finished jobs' logs, opened when someone reads them and kept for the most recently read
 * few, so 500 retained jobs do not hold 500 rings of events in memory.
 *
 * A finished job's log was whole and fsynced before its record said it ended, so it is
 * read at once, unchecked: the first event of a million-event log is served without
 * reading the other million first. Reads fill in the index that lets a later read seek
 * instead of scan as they go, and the check of every line follows in the background once
 * the log has not been asked for in a while: run beside the replay that opened the log, it
 * took half the hub's time and held that replay to 400k events/s.
 */
import { stat } from 'node:fs/promises';
import { EventLog, loadLog, SparseIndex, type EventLogOptions } from '../../event-log/index.js';
import type { Logger } from '../../logger.js';

/** How long after it was last asked for an unchecked log is checked, by default. */
const CHECK_AFTER_MS = 3_000;

export class LogCache {
  private readonly logs = new Map<string, Promise<EventLog>>();
  /** Checks not yet run, by job id: each waits for its log to be left alone. */
  private readonly checks = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly size: number,
    private readonly options: EventLogOptions,
    private readonly log: Logger,
    private readonly checkAfterMs = CHECK_AFTER_MS,
  ) {}

  /** The log of a finished job (which ended at seq `head`), opened once and then kept. */
  get(id: string, path: string, epoch: string, head: number): Promise<EventLog> {
    let log = this.logs.get(id);
    this.checks.get(id)?.refresh();
    if (log === undefined) {
      log = this.load(id, path, epoch, head);
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
    this.dropCheck(id);
  }

  private async load(id: string, path: string, epoch: string, head: number): Promise<EventLog> {
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
    this.dropCheck(id);
    const check = setTimeout(() => {
      this.checks.delete(id);
      this.check(path, index);
    }, this.checkAfterMs);
    check.unref();
    this.checks.set(id, check);
    return log;
  }

  private check(path: string, index: SparseIndex): void {
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
  }

  private dropCheck(id: string): void {
    clearTimeout(this.checks.get(id));
    this.checks.delete(id);
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
      this.dropCheck(id);
    }
  }
}
