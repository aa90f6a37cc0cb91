/**
 * Finished jobs' logs, loaded when someone reads them and kept for the most recently read
 * few, so 500 retained jobs do not hold 500 rings of events in memory.
 */
import { EventLog, loadLog, type EventLogOptions } from '../../event-log/index.js';

export class LogCache {
  private readonly logs = new Map<string, Promise<EventLog>>();

  constructor(
    private readonly size: number,
    private readonly options: EventLogOptions,
  ) {}

  /** The log of a finished job, loaded once and then served from memory. */
  get(id: string, path: string, epoch: string): Promise<EventLog> {
    let log = this.logs.get(id);
    if (log === undefined) {
      log = this.load(path, epoch);
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

  private async load(path: string, epoch: string): Promise<EventLog> {
    const { loaded } = await loadLog(path, this.options);
    const log = await EventLog.open(path, epoch, loaded, this.options);
    // The job has ended: its log only serves reads, which need no open file handle.
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
